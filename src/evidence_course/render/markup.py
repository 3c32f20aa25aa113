"""Bank text to HTML: Markdown through markdown-it-py with raw HTML disabled.

Quiz authors may write inline Markdown (emphasis, links, code). Any ``<tag>`` they type is shown as text,
never run: html is off, and markdown-it's link validation drops ``javascript:`` and similar URLs.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def inline(text: str | None) -> Markup:
    """Render one line of Markdown as inline HTML (no ``<p>``); safe to insert unescaped."""
    return Markup(_md().renderInline(text or "").strip())


def block(text: str | None) -> Markup:
    """Render Markdown paragraphs as HTML; safe to insert unescaped."""
    return Markup(_md().render(text or "").strip())


def plain(text: str | None) -> str:
    """The text of a Markdown string without markup (for ``text/plain`` and labels)."""
    tokens = _md().parseInline(text or "")
    parts = [child.content for tok in tokens for child in (tok.children or [])
             if child.type in ("text", "code_inline")]
    return "".join(parts)
