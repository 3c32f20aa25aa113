"""Read the book's chapters as text: which sections they label and which claims each section cites.

Used by the quiz bank (a question's ``section`` must exist), by tests (claims must be cited where a
question says they are taught) and by the facilitator kit. It reads the MyST source directly, so it
works without building the book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABEL_RE = re.compile(r"^\((?P<label>[A-Za-z0-9_:-]+)\)=\s*$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*$")
CLAIM_RE = re.compile(r"\{claim\}`(?P<id>[^`]+)`")
QUIZ_RE = re.compile(r"""show_quiz\(\s*["'](?P<id>[^"']+)["']\s*\)""")
FENCE_RE = re.compile(r"^(`{3,}|~{3,}|:{3,})")


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


def parse_chapter(path: Path, docname: str) -> Chapter:
    """Parse one MyST chapter: labels before headings, ``{claim}`` roles, ``show_quiz`` calls."""
    chapter = Chapter(docname=docname, path=path)
    open_sections: list[Section] = []
    pending_label: tuple[str, int] | None = None
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = _after_front_matter(lines)
    for number, line in enumerate(lines[start:], start=start + 1):
        label = LABEL_RE.match(line)
        if label:
            pending_label = (label.group("label"), number)
            continue
        heading = HEADING_RE.match(line) if not FENCE_RE.match(line) else None
        if heading:
            level = len(heading.group("hashes"))
            title = heading.group("title")
            if not chapter.title and level == 1:
                chapter.title = title
            open_sections = [s for s in open_sections if s.level < level]
            if pending_label:
                section = Section(pending_label[0], title, level, docname, pending_label[1])
                chapter.sections[section.label] = section
                open_sections.append(section)
            pending_label = None
            continue
        if line.strip():
            pending_label = None
        for match in CLAIM_RE.finditer(line):
            claim_id = match.group("id").strip()
            if claim_id not in chapter.claims:
                chapter.claims.append(claim_id)
            for section in open_sections:
                section.claims.add(claim_id)
        for match in QUIZ_RE.finditer(line):
            chapter.quizzes.append(match.group("id"))
    return chapter


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return index + 1
    return 0


def toc_docnames(toc_path: Path) -> list[str]:
    """Docnames listed in ``_toc.yml``, in reading order (root first)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return [str(Path(n).with_suffix("")) for n in names]


def book_chapters(root: Path, toc_path: Path) -> dict[str, Chapter]:
    """Every chapter of ``toc_path`` (docnames relative to ``root``), parsed, by docname."""
    chapters = {}
    for docname in toc_docnames(toc_path):
        path = root / f"{docname}.md"
        if path.exists():
            chapters[docname] = parse_chapter(path, docname)
    return chapters
