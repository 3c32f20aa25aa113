"""Headings that assistive technology can place: ``role="heading"`` always comes with ``aria-level``.

Sphinx writes each toctree caption (the part names in the navigation sidebar, e.g. "The evidence") as
``<p class="caption" role="heading">`` with no level, which WAI-ARIA requires (axe:
``aria-required-attr``, critical). pydata-sphinx-theme added the level in its own translator; with
Furo nothing does, so the course's HTML translators add ``aria-level="2"`` (the captions sit under the
book's title) wherever a heading role has none.
"""

from __future__ import annotations

import types
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: The level given to a heading role written without one.
DEFAULT_LEVEL = "2"


class HeadingLevelMixin:
    """Translator mixin: a tag with ``role="heading"`` and no ``aria-level`` gets level 2."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n", empty: bool = False,
                 **attributes: Any) -> str:
        """Sphinx's ``starttag`` with ``aria-level`` added to a heading role that lacks it."""
        role = attributes.get("ROLE", attributes.get("role"))
        if role == "heading" and not ({"ARIA-LEVEL", "aria-level"} & attributes.keys()):
            attributes["ARIA-LEVEL"] = DEFAULT_LEVEL
        return super().starttag(node, tagname, suffix, empty, **attributes)  # type: ignore[misc]


def _add_mixin(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    base = app.registry.translators.get(app.builder.name)
    if base is None:
        base = getattr(app.builder, "default_translator_class", None)
    if base is None or issubclass(base, HeadingLevelMixin):
        return
    translator = types.new_class("CourseHTMLTranslator", (HeadingLevelMixin, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def setup(app: Sphinx) -> None:
    """Wrap the HTML builder's translator once the builder is known (after other extensions)."""
    app.connect("builder-inited", _add_mixin, priority=900)
