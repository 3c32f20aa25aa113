"""``course watch`` (``make watch``) serves the book on 127.0.0.1 and rebuilds what an edit touches.

Runs the real command on the throwaway two-page course of ``tests/fixtures/minibook``: waits for the
first build to be served, edits a chapter and then a quiz file, and waits for each change to be served.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from course_under_test import ROOT

from evidence_course.netutil import free_port

FIXTURES = Path(__file__).parent / "fixtures"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return None  # not up yet, or the page is being rewritten


def wait_for(url: str, text: str, process: subprocess.Popen, timeout: float = 240) -> str:
    """The page once it contains ``text`` (fails when the watcher dies or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "course watch stopped"
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {text!r} within {timeout} s")


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    """A minibook course being watched: its root, the served URL and the watcher process."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minibook", root)
    shutil.copytree(ROOT / "evidence", root / "evidence")
    (root / "quizzes").mkdir()
    shutil.copy(FIXTURES / "quizzes" / "sample.yml", root / "quizzes" / "sample.yml")
    port = free_port()
    log = (tmp_path / "watch.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "evidence_course", "--root", str(root), "--build-dir", str(tmp_path / "out"),
         "watch", "--port", str(port)],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        yield root, f"http://127.0.0.1:{port}/", process
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        try:
            process.wait(timeout=30)
        finally:
            try:  # anything still in the watcher's own process group (e.g. a Sphinx run cut short)
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            log.close()


def test_watch_serves_the_book_and_rebuilds_on_save(watched: tuple[Path, str, subprocess.Popen]) -> None:
    root, url, process = watched
    chapter = wait_for(url + "book/chapter.html", 'data-quiz="sample"', process)
    assert "widget-view" not in chapter  # kernels run with the static-build flag, as in course build
    intro = root / "book" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nEdited while watching.\n", encoding="utf-8")
    wait_for(url + "book/intro.html", "Edited while watching.", process)
    quiz = root / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("Signposting alone is enough.",
                                                             "Signposting alone is enough (edited)."),
                    encoding="utf-8")
    wait_for(url + "book/chapter.html", "Signposting alone is enough (edited).", process)
    assert (root / "_build").exists() is False, "the watcher wrote into the course folder"
