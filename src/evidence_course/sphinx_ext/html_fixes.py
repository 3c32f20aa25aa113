"""Fixes to the HTML that the Jupyter Book stack writes, made where Sphinx writes it.

* **Bibliography entries are list items.** Docutils writes each citation as ``<div
  role="doc-biblioentry">`` inside ``<div role="list">``: a role deprecated in DPUB-ARIA 1.1 (axe:
  aria-deprecated-role) that also leaves the list without items (axe: aria-required-children,
  critical). The HTML translator's ``visit_citation`` is replaced (``app.add_node(..., override=True)``
  sets it on whichever HTML translator the theme uses) to write ``role="listitem"``.
* **No thebe when thebe is off.** Jupyter Book always loads sphinx-thebe, which adds an inline script
  naming a CDN (registered twice: "Identifier 'THEBE_JS_URL' has already been
  declared"), ``sphinx-thebe.js``/``.css`` and a ``text/x-thebe-config`` block naming a GitHub
  repository to every page. Unless the theme's ``launch_buttons.thebe`` is on, its event handlers
  are disconnected and its stylesheet is taken out of Sphinx's registry before the build starts.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

logger = logging.getLogger(__name__)

#: The module whose handlers and assets are dropped when thebe is off.
THEBE_MODULE = "sphinx_thebe"
THEBE_ASSETS = ("sphinx-thebe.css", "sphinx-thebe.js")


def visit_citation(self: SphinxTranslator, node: nodes.Element) -> None:
    """Docutils' ``visit_citation`` (0.19-0.21) with the ARIA role of a list item.

    The closing tags come from the translator's own ``depart_citation``, which ends the list after
    the last citation of a run, as this opens it before the first.
    """
    body: list[str] = self.body  # type: ignore[attr-defined]  # HTML translators have a body
    if not isinstance(node.previous_sibling(), type(node)):
        body.append('<div role="list" class="citation-list">\n')
    body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))  # type: ignore[attr-defined]


def thebe_wanted(config: Config) -> bool:
    """Whether the book turns thebe on (sphinx-book-theme's own test: ``launch_buttons.thebe``)."""
    options = config.html_theme_options or {}
    return (options.get("launch_buttons") or {}).get("thebe") is True


def drop_thebe(app: Sphinx, config: Config) -> None:
    """Disconnect sphinx-thebe's handlers and remove its assets unless the book turns thebe on."""
    if thebe_wanted(config):
        return
    dropped = 0
    for listeners in list(app.events.listeners.values()):
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "") == THEBE_MODULE:
                app.disconnect(listener.id)
                dropped += 1
    app.registry.css_files[:] = [(name, attrs) for name, attrs in app.registry.css_files
                                 if name not in THEBE_ASSETS]
    app.registry.js_files[:] = [(name, attrs) for name, attrs in app.registry.js_files
                                if name not in THEBE_ASSETS]
    if dropped:
        logger.verbose(f"[course] thebe is off: {dropped} sphinx-thebe handlers disconnected")


def setup(app: Sphinx) -> None:
    """Register the citation visitor and the thebe clean-up (after every extension has been set up)."""
    app.add_node(nodes.citation, override=True, html=(visit_citation, None))
    app.connect("config-inited", drop_thebe, priority=900)
