"""Build the book so that a failed build never replaces the last good site.

Jupyter Book builds into ``<build dir>/staging`` (which keeps the execution cache and doctrees between
builds, so rebuilds are incremental). Only when that build succeeds with no warning is its HTML copied
to ``<build dir>/html`` in one swap. ``course build`` (``make book``) runs :func:`build`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from ..folders import replacing
from ..live.display import STATIC_BUILD_ENV
from ..model.course import Course


@dataclass(frozen=True)
class BuildPaths:
    """Where a build of ``course`` goes: ``build_dir`` (default ``<root>/_build``)."""

    course: Course
    build_dir: Path

    @property
    def staging(self) -> Path:
        """Jupyter Book's output folder (kept between builds: execution cache, doctrees)."""
        return self.build_dir / "staging"

    @property
    def staged_html(self) -> Path:
        """Where Jupyter Book writes the HTML."""
        return self.staging / "_build" / "html"

    @property
    def site(self) -> Path:
        """The published site: replaced only by a build without warnings."""
        return self.build_dir / "html"


def jupyter_book_command(paths: BuildPaths) -> list[str]:
    """``jupyter-book build`` of the course with warnings as errors, run by this Python."""
    return [sys.executable, "-m", "evidence_course.site.jupyter_book_cli", "build", str(paths.course.root),
            "--path-output", str(paths.staging), "-W", "-n", "--keep-going"]


def run_jupyter_book(paths: BuildPaths, *, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run Jupyter Book; the kernels it starts emit only the static quiz (no widget state is cached)."""
    env = {**os.environ, STATIC_BUILD_ENV: "1"}
    return subprocess.run(jupyter_book_command(paths), cwd=paths.course.root, env=env,
                          capture_output=quiet, text=True, check=False)


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">Open the course: {title}</a></p>
</body>
</html>
"""


def write_start_page(html: Path, title: str, target: str) -> None:
    """Replace Jupyter Book's bare redirect stub with one that has a language, a title and a link."""
    (html / "index.html").write_text(REDIRECT_PAGE.format(title=escape(title), target=target),
                                     encoding="utf-8")


def book_title(course: Course) -> str:
    """The book's title from ``_config.yml``."""
    config = yaml.safe_load(course.config_file.read_text(encoding="utf-8"))
    return str(config.get("title", "Course"))


def root_page(course: Course) -> str:
    """The HTML page of the table of contents' root, relative to the site."""
    root = yaml.safe_load(course.toc_file.read_text(encoding="utf-8"))["root"]
    return f"{Path(root).with_suffix('')}.html"


def forget_read_state(paths: BuildPaths) -> None:
    """Drop Sphinx's saved environment so the next build re-reads every page.

    After a failed build Sphinx would otherwise treat the pages that raised warnings as read and
    publish them as they were (e.g. with a quiz missing) without warning again. Execution results
    stay cached, so the full re-read is cheap.
    """
    shutil.rmtree(paths.staging / "_build" / ".doctrees", ignore_errors=True)


def build(paths: BuildPaths, *, quiet: bool = False) -> int:
    """Build the book; on success publish it to ``paths.site``. Returns a process exit code."""
    result = run_jupyter_book(paths, quiet=quiet)
    if result.returncode != 0:
        forget_read_state(paths)
        if quiet:
            sys.stderr.write((result.stdout or "") + (result.stderr or ""))
        kept = " The last good site is unchanged." if (paths.site / "index.html").exists() else ""
        print(f"\nBook build FAILED (see the messages above).{kept}", file=sys.stderr)
        return result.returncode or 1
    write_start_page(paths.staged_html, book_title(paths.course), root_page(paths.course))
    pdf = paths.build_dir / "pdf" / "course.pdf"
    if pdf.exists():  # the whole-course PDF (`course pdf`), linked from the introduction, stays in the site
        shutil.copy2(pdf, paths.staged_html / "course.pdf")
    with replacing(paths.site) as incoming:
        shutil.copytree(paths.staged_html, incoming, dirs_exist_ok=True)
    print(f"\nBook built. Open {paths.site / 'index.html'}")
    return 0
