"""Browser fixtures: the built book served on 127.0.0.1, one headless Chromium per session, axe-core.

Debian's chromium is launched through pytest-playwright's ``browser`` fixture (never a
Playwright-downloaded browser; see ``scripts/install-test-deps.sh``). Requests to another host are
aborted and recorded, console and page errors recorded (see :mod:`bookbrowser`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bookbrowser import AXE_JS, CHROMIUM, CHROMIUM_ARGS, Events, Tab, html_dir, open_context
from playwright.sync_api import Browser

from evidence_course.site.serve import serving


@pytest.fixture(scope="session")
def book_html() -> Path:
    html = html_dir()
    if not (html / "index.html").exists():
        pytest.fail(f"no built book at {html}: run `make book` first")
    return html


@pytest.fixture(scope="session")
def site(book_html: Path) -> Iterator[str]:
    """Base URL of the built book, served by this test session on a free 127.0.0.1 port."""
    with serving(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's chromium with flags that keep it offline and quiet."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"no chromium at {CHROMIUM}: run `bash scripts/install-test-deps.sh` (as root)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing ({AXE_JS}): run `npm ci` (or `bash scripts/install-test-deps.sh`)")
    return AXE_JS


@pytest.fixture(scope="session")
def tab(browser: Browser, site: str, axe_js: Path) -> Iterator[Tab]:
    """A single page reused by the tests that only read pages (fresh localStorage per session)."""
    events = Events()
    context = open_context(browser, events)
    yield Tab(context.new_page(), events, site, axe_js)
    context.close()
