"""Read the book's chapters as text: which sections they label and which claims each section cites.

Used by the quiz bank (a question's ``section`` must exist), by tests (claims must be cited where a
question says they are taught) and by the facilitator kit. It works without building the book: the
MyST source is tokenised by myst-parser's own markdown-it setup (the parser the build uses, with the
book's ``myst_enable_extensions``), so code cells, fences and front matter are what MyST says they are.
A ``# comment`` in a code cell is no heading and a ``{claim}`` in code cites nothing; directive bodies
(admonitions and the like) are tokenised in turn, code-like directives are not.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: The book's MyST extensions when no ``_config.yml`` says otherwise (``parse.myst_enable_extensions``).
DEFAULT_EXTENSIONS = ("colon_fence", "deflist", "substitution")
#: Directives whose body is code or data, not MyST: nothing in them is a heading, label or citation.
NOT_MARKDOWN = frozenset({
    "code-cell", "code", "code-block", "sourcecode", "literalinclude", "raw", "math", "eval-rst",
    "bibliography", "toctree", "csv-table", "mermaid", "glue", "graphviz",
})
DIRECTIVE_RE = re.compile(r"^\{(?P<name>[A-Za-z0-9_:.-]+)\}")
OPTION_RE = re.compile(r"^:[A-Za-z0-9_-]+:")


@dataclass
class Section:
    """A labelled heading and everything under it up to the next heading of the same or higher level."""

    label: str
    title: str
    level: int
    docname: str
    line: int
    claims: set[str] = field(default_factory=set)


@dataclass
class Chapter:
    """One chapter file: its title, labelled sections, cited claims and embedded quizzes."""

    docname: str
    path: Path
    title: str = ""
    sections: dict[str, Section] = field(default_factory=dict)
    claims: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)


@cache
def markdown_parser(extensions: tuple[str, ...] = DEFAULT_EXTENSIONS) -> MarkdownIt:
    """myst-parser's markdown-it parser with ``extensions`` enabled (built once per set)."""
    config = MdParserConfig(enable_extensions=set(extensions))
    return create_md_parser(config, RendererHTML)


def parse_chapter(path: Path, docname: str, extensions: Sequence[str] = DEFAULT_EXTENSIONS) -> Chapter:
    """Parse one MyST chapter: labels before headings, ``{claim}`` roles, ``show_quiz`` calls."""
    chapter = Chapter(docname=docname, path=path)
    _Reader(chapter, markdown_parser(tuple(sorted(extensions)))).read(path.read_text(encoding="utf-8"), 0)
    return chapter


class _Reader:
    """Walks the token stream of a chapter, keeping the stack of sections open at each point."""

    def __init__(self, chapter: Chapter, md: MarkdownIt) -> None:
        self.chapter = chapter
        self.md = md
        self.open_sections: list[Section] = []

    def read(self, text: str, offset: int, *, top: bool = True) -> None:
        """Read ``text``, line ``offset + 1`` of the file on; ``top`` is False in a directive's body."""
        pending: tuple[str, int] | None = None
        tokens = self.md.parse(text)
        for index, token in enumerate(tokens):
            line = offset + (token.map[0] if token.map else 0) + 1
            if token.type == "myst_target" and top:
                pending = (token.content, line)
                continue
            if token.type == "heading_open" and top:
                self.heading(token, tokens[index + 1].content, pending)
            elif token.type == "inline":
                self.cite(token.children or [])
            elif token.type in ("fence", "colon_fence"):
                self.fence(token, offset)
            pending = None  # a label names the heading right after it, or nothing

    def heading(self, token: Token, title: str, pending: tuple[str, int] | None) -> None:
        level = int(token.tag[1:])
        if not self.chapter.title and level == 1:
            self.chapter.title = title
        self.open_sections = [s for s in self.open_sections if s.level < level]
        if pending:
            section = Section(pending[0], title, level, self.chapter.docname, pending[1])
            self.chapter.sections[section.label] = section
            self.open_sections.append(section)

    def cite(self, children: Iterable[Token]) -> None:
        for child in children:
            if child.type == "myst_role" and child.meta.get("name") == "claim":
                claim_id = child.content.strip()
                if claim_id not in self.chapter.claims:
                    self.chapter.claims.append(claim_id)
                for section in self.open_sections:
                    section.claims.add(claim_id)

    def fence(self, token: Token, offset: int) -> None:
        directive = DIRECTIVE_RE.match(token.info.strip())
        if directive is None:  # a plain code fence
            return
        name = directive.group("name")
        skipped, body = _directive_body(token.content)
        if name == "code-cell":
            self.chapter.quizzes += quiz_calls(body)
        elif name not in NOT_MARKDOWN and token.map:
            self.read(body, offset + token.map[0] + 1 + skipped, top=False)


def _directive_body(content: str) -> tuple[int, str]:
    """The MyST body of a directive after its options (``:key: value`` lines or a ``---`` block)."""
    lines = content.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    else:
        while start < len(lines) and OPTION_RE.match(lines[start]):
            start += 1
    return start, "\n".join(lines[start:])


def quiz_calls(source: str) -> list[str]:
    """Quiz ids of the ``show_quiz("id")`` calls in a code cell (comments and strings do not count)."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "show_quiz" and isinstance(node.args[0].value, str):
                found.append(node.args[0].value)
    return found


def toc_docnames(toc_path: Path) -> list[str]:
    """Docnames listed in ``_toc.yml``, in reading order (root first)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict[str, Any]]) -> None:
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return [str(Path(n).with_suffix("")) for n in names]


def myst_extensions(config_path: Path) -> tuple[str, ...]:
    """The MyST extensions a Jupyter Book ``_config.yml`` enables (``parse.myst_enable_extensions``)."""
    if not config_path.is_file():
        return DEFAULT_EXTENSIONS
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    return tuple((config.get("parse") or {}).get("myst_enable_extensions") or DEFAULT_EXTENSIONS)


def book_chapters(
    root: Path, toc_path: Path, extensions: Sequence[str] = DEFAULT_EXTENSIONS
) -> dict[str, Chapter]:
    """Every chapter of ``toc_path`` (docnames relative to ``root``), parsed, by docname."""
    chapters = {}
    for docname in toc_docnames(toc_path):
        path = root / f"{docname}.md"
        if path.exists():
            chapters[docname] = parse_chapter(path, docname, extensions)
    return chapters
