"""The static quiz comes from the current bank, not the execution cache, and bad embeds fail the build.

Builds a two-page throwaway course (``tests/fixtures/minibook``) in a tmp dir with its own ``evidence/``
and ``quizzes/``, with ``course --root <it> build`` as ``make book`` does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_under_test import ROOT

from evidence_course.live.display import QUIZ_MIME, STATIC_BUILD_ENV

FIXTURES = Path(__file__).parent / "fixtures"
OLD_PROMPT = "Which kind of service does the evidence say is *effective*?"
NEW_PROMPT = "Which kind of support does the evidence call effective (edited)?"


class MiniBook:
    """A throwaway book: build it, read its pages."""

    def __init__(self, tmp: Path) -> None:
        self.root = tmp / "root"
        self.out = tmp / "out"  # outside the root, so Sphinx never reads the cache's notebooks
        shutil.copytree(FIXTURES / "minibook", self.root)
        shutil.copytree(ROOT / "evidence", self.root / "evidence")
        (self.root / "quizzes").mkdir()
        shutil.copy(FIXTURES / "quizzes" / "sample.yml", self.root / "quizzes" / "sample.yml")

    def build(self) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "evidence_course", "--root", str(self.root), "--build-dir",
                   str(self.out), "build"]
        return subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=240)

    def page(self, name: str) -> str:
        return (self.out / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")

    def edit(self, relpath: str, old: str, new: str) -> None:
        path = self.root / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


def output(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> MiniBook:
    mini = MiniBook(tmp_path_factory.mktemp("minibook"))
    first = mini.build()
    assert first.returncode == 0, output(first)
    return mini


def test_static_quiz_is_rendered_not_the_widget(book: MiniBook) -> None:
    html = book.page("chapter")
    soup = BeautifulSoup(html, "html.parser")
    quiz = soup.select_one("section.ec-quiz[data-quiz=sample]")
    assert quiz is not None and len(quiz.select("form.ec-q")) == 4
    assert "effective" in quiz.select_one("#q-sm-single legend").get_text()
    assert "widget-view" not in html and "require.min.js" not in html and "embed-amd" not in html
    assert len(soup.select('script[src*="quiz.js"]')) == 1
    assert len(soup.select('link[href*="quiz.css"]')) == 1
    # Section links resolved from the chapter's labels.
    assert quiz.select_one("#q-sm-single .ec-teach a")["href"] == "#chapter-holistic"


def test_cached_output_holds_only_the_marker(book: MiniBook) -> None:
    """The kernel emits no widget in a book build: the cache holds the quiz id, not widget state."""
    notebooks = list((book.out / "staging" / "_build" / ".jupyter_cache" / "executed").rglob("*.ipynb"))
    assert len(notebooks) == 1
    outputs = [o for cell in json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
               for o in cell.get("outputs", [])]
    assert [sorted(o["data"]) for o in outputs] == [[QUIZ_MIME, "text/plain"]]
    assert outputs[0]["data"][QUIZ_MIME] == {"quiz": "sample"}


def test_progress_page_lists_the_quiz(book: MiniBook) -> None:
    soup = BeautifulSoup(book.page("progress"), "html.parser")
    row = soup.select_one("tr[data-quiz=sample]")
    assert row.select_one("a")["href"] == "chapter.html#quiz-sample"
    assert row["data-minutes"] == "6" and '"sm-sort"' in row["data-questions"]
    cpd = soup.select_one("section.ec-cpd")
    assert cpd.select_one('label[for="ec-cpd-name"]') and cpd.select_one("input#ec-cpd-name")
    assert "Course: Mini course" in cpd.get_text()
    assert soup.select_one("button.ec-reset").get_text() == "Reset my progress"


def test_editing_the_bank_rerenders_without_reexecuting(book: MiniBook) -> None:
    book.edit("quizzes/sample.yml", OLD_PROMPT, NEW_PROMPT)
    try:
        proc = book.build()
        log = output(proc)
        assert proc.returncode == 0, log
        assert "Using cached notebook" in log and "Executing notebook" not in log, log
        html = book.page("chapter")
        assert NEW_PROMPT in html and "say is <em>effective</em>" not in html
    finally:
        book.edit("quizzes/sample.yml", NEW_PROMPT, OLD_PROMPT)


def test_unknown_quiz_id_fails_the_build(book: MiniBook) -> None:
    book.edit("book/chapter.md", 'show_quiz("sample")', 'show_quiz("no-such-quiz")')
    try:
        proc = book.build()
        log = output(proc)
        assert proc.returncode != 0
        assert "chapter 'book/chapter' embeds quiz 'no-such-quiz'" in log, log
        assert "unknown quiz id 'no-such-quiz'" in log
    finally:
        book.edit("book/chapter.md", 'show_quiz("no-such-quiz")', 'show_quiz("sample")')


def test_plain_jupyter_book_build_fails_on_stored_widget_state(book: MiniBook, tmp_path: Path) -> None:
    """Without ``course build``'s flag the kernel stores the live widget too: ``-W`` refuses the page."""
    env = {key: value for key, value in os.environ.items() if key != STATIC_BUILD_ENV}
    command = [sys.executable, "-m", "evidence_course.site.jupyter_book_cli", "build", str(book.root),
               "--path-output", str(tmp_path / "plain"), "-W"]
    proc = subprocess.run(command, cwd=book.root, env=env, capture_output=True, text=True, timeout=240)
    log = output(proc)
    assert proc.returncode != 0, log
    assert "hold live-widget state" in log and "course build" in log, log
