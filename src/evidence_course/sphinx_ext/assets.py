"""Each page loads only the extension assets it uses (page weight on slow networks, issue #15).

Jupyter Book always enables sphinx-design, sphinx-copybutton, sphinx-togglebutton and sphinx-thebe,
and myst-nb adds its stylesheet, so every page would load all of their files. On Sphinx's
``html-page-context`` event (where ``script_files``/``css_files`` are this page's own copies, reset
for each page), the files of an extension are left out of a page whose doctree has nothing that
extension acts on. (sphinx-thebe adds nothing at all while thebe is off: :mod:`.html_fixes`
disconnects it before the build starts.)

The rules are data (:data:`RULES`): which files (and inline scripts) belong to an extension, and
what in a doctree makes a page use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: A test on a page's doctree: does the page hold something the extension acts on?
Uses = Callable[[nodes.document], bool]


def _classes(doctree: nodes.document) -> Iterable[str]:
    for node in doctree.findall(nodes.Element):
        yield from node.get("classes", [])


def has_class_prefix(*prefixes: str) -> Uses:
    """Some element carries a class starting with one of ``prefixes`` (sphinx-design: ``sd-``)."""
    return lambda doctree: any(c.startswith(prefixes) for c in _classes(doctree))


def has_class(*names: str) -> Uses:
    """Some element carries one of the classes ``names``."""
    wanted = set(names)
    return lambda doctree: any(c in wanted for c in _classes(doctree))


def has_code_block(doctree: nodes.document) -> bool:
    """A literal (code) block is shown: copybutton adds its button to those."""
    return any(True for _ in doctree.findall(nodes.literal_block))


def has_notebook_cell(doctree: nodes.document) -> bool:
    """A notebook cell (myst-nb's ``cell`` container) is on the page: myst-nb's CSS styles those."""
    return any("cell" in node.get("classes", []) for node in doctree.findall(nodes.container))


def never(doctree: nodes.document) -> bool:
    """Nothing in the book uses it."""
    return False


@dataclass(frozen=True)
class AssetRule:
    """The files of one extension and the test that tells whether a page uses the extension."""

    name: str
    #: start of the file names (under ``_static/``) that belong to the extension
    files: tuple[str, ...]
    #: words that identify its inline scripts (``add_js_file(None, body=...)``)
    inline: tuple[str, ...]
    uses: Uses


RULES: tuple[AssetRule, ...] = (
    AssetRule("sphinx-design", ("sphinx-design.", "design-tabs.js"), (), has_class_prefix("sd-")),
    AssetRule("copybutton", ("copybutton.", "clipboard.min.js"), (), has_code_block),
    AssetRule("togglebutton", ("togglebutton.",), ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"),
              has_class("toggle", "dropdown")),
    AssetRule("myst-nb", ("mystnb.",), (), has_notebook_cell),
    AssetRule("pygments", ("pygments.css",), (), has_code_block),
)

#: Jupyter Book always loads sphinx-book-theme as an extension, which adds its script to every page
#: whatever the theme; it is left out unless that is the theme in use.
BOOK_THEME = AssetRule("sphinx-book-theme", ("sphinx-book-theme.",), (), never)


def _name(asset: Any) -> str:
    filename = getattr(asset, "filename", None) or (asset if isinstance(asset, str) else "")
    return str(filename or "").rsplit("/", 1)[-1]


def _body(asset: Any) -> str:
    attributes = getattr(asset, "attributes", None) or {}
    return str(attributes.get("body", "") or "")


def belongs_to(asset: Any, rule: AssetRule) -> bool:
    """True when ``asset`` (a Sphinx JS/CSS asset) is one of ``rule``'s files or inline scripts."""
    name = _name(asset)
    if name and name.startswith(rule.files):
        return True
    body = _body(asset)
    return bool(body) and any(word in body for word in rule.inline)


def unused_rules(doctree: nodes.document | None, theme: str = "") -> list[AssetRule]:
    """The rules whose extension the page does not use (every rule when the page has no doctree),
    and sphinx-book-theme's unless ``theme`` is it."""
    unused = [] if theme == "sphinx_book_theme" else [BOOK_THEME]
    if doctree is None:  # search, genindex: generated pages use none of these extensions
        return unused + list(RULES)
    return unused + [rule for rule in RULES if not rule.uses(doctree)]


def prune(assets: list[Any], unused: list[AssetRule]) -> list[Any]:
    """``assets`` without those belonging to an unused extension (order kept)."""
    return [a for a in assets if not any(belongs_to(a, rule) for rule in unused)]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    unused = unused_rules(doctree, app.config.html_theme)
    if not unused:
        return
    for key in ("script_files", "css_files"):
        if isinstance(context.get(key), list):
            context[key][:] = prune(context[key], unused)


def setup(app: Sphinx) -> None:
    """Prune each page's assets just before it is rendered (after the extensions added theirs)."""
    app.connect("html-page-context", _page_context, priority=900)
