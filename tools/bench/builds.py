"""Build timings for ``make bench`` on a throw-away copy of the book (the working tree is never edited).

A copy holds ``_config.yml``, ``_toc.yml``, ``book/``, ``evidence/``, ``quizzes/`` (and
``facilitation/``, ``practice/`` when present), and the build is
``course --root <copy> --build-dir <dir> build``, as ``make book`` runs it. Sphinx's log tells which
documents were read and written, so a quiz edit can be checked to re-render only the pages embedding it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from evidence_course.model.chapters import parse_chapter, toc_docnames

COPY_ITEMS = ("_config.yml", "_toc.yml", "book", "evidence", "quizzes", "facilitation", "practice")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
READING = re.compile(r"^reading sources\.\.\.\s*\[\s*\d+%\]\s+(?P<doc>\S+)", re.M)
WRITING = re.compile(r"^writing output\.\.\.\s*\[\s*\d+%\]\s+(?P<doc>\S+)", re.M)


@dataclass
class BuildRun:
    """One timed build: wall seconds, exit code, the docnames Sphinx read and wrote, pages touched."""

    seconds: float
    returncode: int
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    pages_changed: list[str] = field(default_factory=list)
    log: str = ""


def copy_course(source: Path, dest: Path) -> Path:
    """Copy the book's inputs from ``source`` into a fresh ``dest`` and return ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in COPY_ITEMS:
        item = source / name
        if item.is_dir():
            skip = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
            shutil.copytree(item, dest / name, ignore=skip)
        elif item.is_file():
            shutil.copy2(item, dest / name)
    return dest


def build_command(root: Path, build_dir: Path, *extra: str) -> list[str]:
    """``course build`` of the copy at ``root`` into ``build_dir``."""
    return [sys.executable, "-m", "evidence_course", "--root", str(root), "--build-dir", str(build_dir),
            "build", *extra]


def quiet_env() -> dict[str, str]:
    """Environment for timed builds: no colours in the log, output unbuffered."""
    return {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}


def parse_sphinx_log(text: str) -> tuple[list[str], list[str]]:
    """Docnames from Sphinx's ``reading sources...`` and ``writing output...`` lines, in order."""
    text = ANSI.sub("", text).replace("\r", "\n")
    return [m["doc"] for m in READING.finditer(text)], [m["doc"] for m in WRITING.finditer(text)]


def page_mtimes(html: Path) -> dict[str, int]:
    """Modification time (ns) of every built ``.html`` page under ``html``, by relative path."""
    if not html.exists():
        return {}
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def staged_html(build_dir: Path) -> Path:
    """Where Jupyter Book writes HTML inside ``build_dir`` (see :mod:`evidence_course.site.build`)."""
    return build_dir / "staging" / "_build" / "html"


def timed_build(root: Path, build_dir: Path, *, timeout: float = 1800) -> BuildRun:
    """Run ``course build`` on the copy; time it and parse what Sphinx did."""
    before = page_mtimes(staged_html(build_dir))
    start = time.perf_counter()
    result = subprocess.run(
        build_command(root, build_dir), cwd=root, env=quiet_env(),
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    read, written = parse_sphinx_log(log)
    after = page_mtimes(staged_html(build_dir))
    changed = sorted(page for page, mtime in after.items() if before.get(page) != mtime)
    return BuildRun(seconds, result.returncode, read, written, changed, log)


def clean(build_dir: Path) -> None:
    """Empty the execution cache, doctrees and outputs: everything under ``build_dir``."""
    shutil.rmtree(build_dir, ignore_errors=True)


def chapter_quizzes(root: Path) -> dict[str, list[str]]:
    """Quiz ids embedded by each chapter of the copy at ``root`` (docname → quiz ids)."""
    embedded = {}
    for docname in toc_docnames(root / "_toc.yml"):
        path = root / f"{docname}.md"
        if path.exists():
            embedded[docname] = parse_chapter(path, docname).quizzes
    return embedded


def question_count(root: Path, quiz_id: str) -> int:
    """How many questions ``quizzes/<quiz_id>.yml`` in the copy holds (0 when missing or unreadable)."""
    path = root / "quizzes" / f"{quiz_id}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return 0
    return len(data.get("questions") or [])


def heaviest_quiz_page(root: Path) -> tuple[str | None, int]:
    """The docname embedding the most questions, and how many (``None, 0`` when no page embeds one)."""
    counts = {doc: sum(question_count(root, q) for q in quizzes)
              for doc, quizzes in chapter_quizzes(root).items() if quizzes}
    if not counts:
        return None, 0
    doc = max(counts, key=lambda d: (counts[d], d == "book/final-assessment"))
    return doc, counts[doc]


def prose_chapter(root: Path) -> str:
    """A chapter without an embedded quiz (the first such after the root page), for the prose edit."""
    embedded = chapter_quizzes(root)
    docs = list(embedded)
    for doc in docs[1:] + docs[:1]:
        if not embedded[doc] and doc not in {"book/claims", "book/source"}:
            return doc
    return docs[0]


def edit_prose(root: Path, docname: str, number: int) -> None:
    """Append a short paragraph to the chapter (a real prose change, different every time)."""
    path = root / f"{docname}.md"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nA sentence added by the benchmark, edit {number}.\n")


def quiz_to_edit(root: Path) -> tuple[str | None, list[str]]:
    """A quiz file that some chapter embeds, and the docnames that embed it.

    Prefers a quiz embedded by exactly one chapter; falls back to any quiz file (embedded nowhere).
    """
    embedders: dict[str, list[str]] = {}
    for doc, quizzes in chapter_quizzes(root).items():
        for quiz in quizzes:
            embedders.setdefault(quiz, []).append(doc)
    files = sorted(p.stem for p in (root / "quizzes").glob("*.yml")) if (root / "quizzes").exists() else []
    embedded = [q for q in files if q in embedders]
    if embedded:
        quiz = min(embedded, key=lambda q: (len(embedders[q]) != 1, q))
        return quiz, sorted(embedders[quiz])
    return (files[0], []) if files else (None, [])


def edit_quiz(root: Path, quiz_id: str, number: int) -> str:
    """Change the first question's explanation of ``quizzes/<quiz_id>.yml`` (round-trip, keeps layout).

    Returns what was edited. Falls back to appending a comment line if the file is not a mapping of
    questions (the change still reaches Sphinx through the file's dependency).
    """
    from ruamel.yaml import YAML

    path = root / "quizzes" / f"{quiz_id}.yml"
    loader = YAML()
    loader.preserve_quotes = True
    loader.width = 4096
    data = loader.load(path.read_text(encoding="utf-8"))
    questions = data.get("questions") if hasattr(data, "get") else None
    if questions and hasattr(questions[0], "get") and isinstance(questions[0].get("explanation"), str):
        questions[0]["explanation"] = questions[0]["explanation"].rstrip() + f" (Benchmark edit {number}.)"
        with path.open("w", encoding="utf-8") as handle:
            loader.dump(data, handle)
        return f"{quiz_id}: explanation of {questions[0].get('id', 'question 1')}"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n# benchmark edit {number}\n")
    return f"{quiz_id}: comment line"
