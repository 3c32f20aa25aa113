"""`make book`'s build step: warnings fail it, and a failed build never replaces the last good site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from course_under_test import ROOT

CONFIG = """\
title: Tiny test book
only_build_toc_files: true
exclude_patterns: [_build]
execute:
  execute_notebooks: "off"
sphinx:
  extra_extensions: [evidence_course.sphinx_ext]
"""


def _build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evidence_course", "--root", str(root), "--build-dir", str(root / "_build"),
         "build", "--quiet"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def tiny_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-page book using the course's extension, built once successfully."""
    root = tmp_path_factory.mktemp("tiny-book")
    shutil.copytree(ROOT / "evidence", root / "evidence")
    (root / "book").mkdir()
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n")
    (root / "book" / "intro.md").write_text("# Good page\n\nHousing {claim}`works.housing`.\n")
    result = _build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Good page" in (root / "_build" / "html" / "book" / "intro.html").read_text()
    return root


def _site_title(root: Path) -> str:
    return (root / "_build" / "html" / "book" / "intro.html").read_text()


def _build_with(root: Path, relative: str, text: str, *, times: int = 1) -> list[str]:
    """Build ``times`` with ``relative`` replaced by ``text`` (restored after); each build's output.

    Every build must fail: the point of these tests is what a failed build leaves behind.
    """
    path = root / relative
    good = path.read_text()
    path.write_text(text)
    try:
        results = [_build(root) for _ in range(times)]
    finally:
        path.write_text(good)
    for number, result in enumerate(results, start=1):
        assert result.returncode != 0, f"build {number} of a broken {relative} passed"
    return [r.stdout + r.stderr for r in results]


def test_missing_toc_file_fails_naming_it_and_keeps_old_site(tiny_book: Path) -> None:
    toc = (tiny_book / "_toc.yml").read_text() + "chapters:\n  - file: book/does-not-exist\n"
    [output] = _build_with(tiny_book, "_toc.yml", toc)
    assert "does-not-exist" in output
    assert "last good site is unchanged" in output
    assert "Good page" in _site_title(tiny_book)


def test_myst_error_fails_naming_file_and_keeps_old_site(tiny_book: Path) -> None:
    [output] = _build_with(tiny_book, "book/intro.md", "# Broken page\n\n```{no-such-directive}\n```\n")
    assert "intro.md" in output and "no-such-directive" in output
    assert "Good page" in _site_title(tiny_book), "a failed build replaced the site"
    assert "Broken page" not in _site_title(tiny_book)


def test_unknown_claim_id_fails_every_rebuild(tiny_book: Path) -> None:
    # The second build must fail too: Sphinx must re-read the page, not reuse its half-read state.
    outputs = _build_with(tiny_book, "book/intro.md", "# Good page\n\nInvented {claim}`works.made-up`.\n",
                          times=2)
    assert all("works.made-up" in out and "intro.md" in out for out in outputs)


def test_start_page_names_the_book_and_its_language(tiny_book: Path) -> None:
    start = (tiny_book / "_build" / "html" / "index.html").read_text()
    assert '<html lang="en">' in start and "<title>Tiny test book</title>" in start
    assert 'href="book/intro.html"' in start
