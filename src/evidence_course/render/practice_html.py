"""Render a practice tool (``practice/<id>.yml``) as HTML: fillable in the book, or blank for print.

The book's ``{practice-tool}`` directive calls :func:`render_tool` with a function that turns a claim id
into a link to the claims page; the printed handout calls the same text renderers with a numbered
reference instead. Tool text is Markdown (tables allowed) with raw HTML off, so nothing a tool author
types can become markup; ``{claim}`id``` roles become placeholders before Markdown runs and citations
afterwards. All HTML comes from Jinja templates in ``templates/`` (``practice-*.html.j2``).

``tools.js`` (``sphinx_ext/static``) makes the fields keep their values in the browser under
``evidence-course:v1:tool:<tool id>`` (see :data:`STORAGE_PREFIX` and docs/CONVENTIONS.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..model.citations import CLAIM_ROLE
from ..model.practice_schema import Part, Row, Tool, ToolField

TEMPLATES = Path(__file__).parent / "templates"
#: Where tools.js keeps a tool's fields in localStorage (followed by the tool id).
STORAGE_PREFIX = "evidence-course:v1:tool:"
#: Bubbling event tools.js dispatches on ``document`` after saving or clearing a tool (detail: {tool}).
SAVED_EVENT = "evidence-course:tool-saved"
_PLACEHOLDER = re.compile("\ue000(?P<n>\\d+)\ue001")

#: Turns a claim id into the HTML of its citation.
Cite = Callable[[str], Markup]


@cache
def template_env() -> Environment:
    """The Jinja environment of the practice tool templates (autoescaped, strict)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def text_html(text: str | None, cite: Cite) -> Markup:
    """Markdown paragraphs, lists, quotes and tables as HTML, with each ``{claim}`` role cited."""
    return _with_citations(text, cite, block=True)


def inline_html(text: str | None, cite: Cite) -> Markup:
    """One line of Markdown as inline HTML, with each ``{claim}`` role cited."""
    return _with_citations(text, cite, block=False)


def _with_citations(text: str | None, cite: Cite, *, block: bool) -> Markup:
    claims: list[str] = []

    def hold(match: re.Match[str]) -> str:
        claims.append(match.group("id").strip())
        return f"\ue000{len(claims) - 1}\ue001"

    source = CLAIM_ROLE.sub(hold, text or "")
    html = _md().render(source) if block else _md().renderInline(source)
    table_fixed = html.replace("<table>", '<table class="ec-tool-table">')
    return Markup(_PLACEHOLDER.sub(lambda m: str(cite(claims[int(m.group("n"))])), table_fixed.strip()))


@dataclass(frozen=True)
class FieldView:
    """A field as the templates need it: storage key, HTML id, label (with step number) and kind."""

    key: str
    html_id: str
    label: str
    field: ToolField

    @property
    def kind(self) -> str:
        return self.field.kind


@dataclass(frozen=True)
class RowView:
    row: Row
    fields: list[FieldView]


@dataclass(frozen=True)
class PartView:
    part: Part
    html_id: str
    fields: list[FieldView]
    rows: list[RowView]


def html_id(tool: Tool, key: str) -> str:
    """The HTML id of a field (unique on a page: tool id and storage key)."""
    return f"ec-tool-{tool.id}-{key.replace('.', '-')}"


def part_views(tool: Tool) -> list[PartView]:
    """Each part with its fields (or its rows, each with the part's fields) ready for a template."""
    views = []
    for part in tool.parts:
        def view(field: ToolField, number: int, row: Row | None, part: Part = part) -> FieldView:
            key = ".".join(x for x in (part.id, row.id if row else None, field.id) if x)
            label = f"Step {number}: {field.label}" if part.numbered else field.label
            return FieldView(key, html_id(tool, key), label, field)

        if part.rows:
            rows = [RowView(row, [view(f, n, row) for n, f in enumerate(part.fields, 1)])
                    for row in part.rows]
            fields: list[FieldView] = []
        else:
            rows = []
            fields = [view(f, n, None) for n, f in enumerate(part.fields, 1)]
        views.append(PartView(part, f"ec-tool-{tool.id}-{part.id}", fields, rows))
    return views


def render_tool(tool: Tool, cite: Cite) -> str:
    """The fillable tool for the book: label, content note, evidence, parts and fields, actions."""
    env = template_env()
    return env.get_template("practice-tool.html.j2").render(
        tool=tool, parts=part_views(tool), storage_key=STORAGE_PREFIX + tool.id,
        text=lambda t: text_html(t, cite), inline=lambda t: inline_html(t, cite), cite=cite,
    )


def claim_link(href: str | None, claim_id: str, title: str) -> Markup:
    """The book's citation of one claim: a small "source" link, as the ``{claim}`` role renders it
    (without a page to link to, the word alone)."""
    macros = template_env().get_template("practice-macros.html.j2").module
    return Markup(macros.claim_link(href=href, claim_id=claim_id, title=title).strip())  # type: ignore[attr-defined]


def plain_texts(tool: Tool) -> list[str]:
    """The tool's words without markup, one string per piece (for the search index and other builders)."""
    texts = [tool.summary, tool.evidence]
    for part in tool.parts:
        texts += [part.title, part.scenario or "", part.text or ""]
        texts += [f"{row.title}. {row.text or ''}" for row in part.rows]
        texts += [field.label for field in part.fields]
    plain = []
    for text in texts:
        html = _md().render(CLAIM_ROLE.sub("", text))
        words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
        if words:
            plain.append(words)
    return plain


def render_record(tools: Iterable[dict[str, Any]]) -> str:
    """The data tools.js needs to list finished tools in the progress page's CPD record."""
    data = [{"id": t["id"], "title": t["title"], "href": t.get("href")} for t in tools]
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return template_env().get_template("practice-record.html.j2").render(
        data_json=Markup(text.replace("&", "\\u0026")), count=len(data))


__all__ = ["SAVED_EVENT", "STORAGE_PREFIX", "FieldView", "PartView", "claim_link", "html_id",
           "inline_html", "part_views", "plain_texts", "render_record", "render_tool", "text_html"]
