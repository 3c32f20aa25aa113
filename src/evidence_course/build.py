"""Build the book so that a failed build never replaces the last good site.

Jupyter Book builds into ``_build/staging`` (which keeps the execution cache and doctrees between
builds, so rebuilds are incremental). Only when that build succeeds with no warning is its HTML
copied to ``_build/html`` in one swap. ``python -m evidence_course.build`` is what ``make book`` runs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

import yaml

from .paths import BUILD_DIR, ROOT

STAGING = BUILD_DIR / "staging"
SITE = BUILD_DIR / "html"


def staged_html(staging: Path = STAGING) -> Path:
    """Where Jupyter Book writes the HTML of a build into ``staging``."""
    return staging / "_build" / "html"


#: Runs Jupyter Book's command line in a fresh interpreter, without the ``rfc3987_syntax`` package.
#: jsonschema imports it when installed (Voilà's jupyter-events needs it) and compiles its grammars,
#: about 1 s of every build, only to check "iri" formats, which Jupyter Book's config schema never
#: uses (measured with ``make bench``: a no-change rebuild went from 2.7 s to 1.4 s).
SKIP_SLOW_IMPORTS = "import sys; sys.modules['rfc3987_syntax'] = None; "
LAUNCHER = SKIP_SLOW_IMPORTS + "from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()"


def run_jupyter_book(staging: Path = STAGING, *, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build`` with warnings as errors; returns the finished process."""
    command = [
        sys.executable, "-c", LAUNCHER, "build", str(ROOT),
        "--path-output", str(staging), "-W", "-n", "--keep-going",
    ]
    return subprocess.run(command, cwd=ROOT, capture_output=quiet, text=True, check=False)


def swap_in(new_html: Path, site: Path = SITE) -> None:
    """Replace ``site`` with a copy of ``new_html`` (copy aside first, then two renames)."""
    incoming = site.with_name(site.name + ".incoming")
    outgoing = site.with_name(site.name + ".outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(new_html, incoming)
    if site.exists():
        site.rename(outgoing)
    incoming.rename(site)
    shutil.rmtree(outgoing, ignore_errors=True)


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


def write_start_page(html: Path, title: str, target: str = "book/intro.html") -> None:
    """Replace Jupyter Book's bare redirect stub with one that has a language, a title and a link."""
    (html / "index.html").write_text(REDIRECT_PAGE.format(title=escape(title), target=target),
                                     encoding="utf-8")


def book_title() -> str:
    """The book's title from ``_config.yml``."""
    return str(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("title", "Course"))


def forget_read_state(staging: Path = STAGING) -> None:
    """Drop Sphinx's saved environment so the next build re-reads every page.

    After a failed build Sphinx would otherwise treat the pages that raised warnings as read and
    publish them as they were (e.g. with a quiz missing) without warning again. Execution results
    stay cached, so the full re-read is cheap.
    """
    shutil.rmtree(staging / "_build" / ".doctrees", ignore_errors=True)


def build(*, quiet: bool = False) -> int:
    """Build the book; on success publish it to ``_build/html``. Returns a process exit code."""
    result = run_jupyter_book(quiet=quiet)
    if result.returncode != 0:
        forget_read_state()
        if quiet:
            sys.stderr.write((result.stdout or "") + (result.stderr or ""))
        kept = " The last good site is unchanged." if (SITE / "index.html").exists() else ""
        print(f"\nBook build FAILED (see the messages above).{kept}", file=sys.stderr)
        return result.returncode or 1
    write_start_page(staged_html(), book_title(), _root_page())
    swap_in(staged_html())
    print(f"\nBook built. Open {SITE / 'index.html'}")
    return 0


def _root_page() -> str:
    root = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    return f"{Path(root).with_suffix('')}.html"


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m evidence_course.build [--quiet]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quiet", action="store_true", help="print Sphinx output only on failure")
    args = parser.parse_args(argv)
    return build(quiet=args.quiet)


if __name__ == "__main__":
    raise SystemExit(main())
