"""Every page of the built book, as a reader's browser meets it.

Each page is opened at 1280 px and loaded again at 320 px, and the findings are kept, so that four
tests per page report separately: nothing loads from another host (nor the scripts of require.js,
the widget manager, MathJax or thebe from anywhere), no console or page error, no
axe-core violation of WCAG 2.2 AA (the theme's header, sidebars and search button included), and no
horizontal scrolling at 320 px (WCAG 1.4.10 Reflow).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from bookbrowser import DESKTOP, NARROW, Tab, book_pages, html_dir

PAGES = book_pages() if (html_dir() / "index.html").exists() else ["(no built book)"]


@dataclass
class Findings:
    landed_on: str
    events: list[str]
    requests: list[str]
    axe: list[str]
    overflow_px: int


_findings: dict[str, Findings] = {}


def _open(tab: Tab, path: str, viewport: dict) -> None:
    page = tab.visit(path, viewport=viewport)
    if path == "index.html":  # Jupyter Book's root is a meta-refresh stub: follow it like a reader
        page.wait_for_url(lambda url: not url.endswith("/") and not url.endswith("index.html"))
        page.wait_for_load_state("load")


def findings(tab: Tab, path: str) -> Findings:
    """Open ``path`` once at 1280 px and once at 320 px (loaded at that width, as a phone would), and
    record everything the four tests below look at."""
    if path not in _findings:
        _open(tab, path, DESKTOP)
        axe = tab.audit("1280 px")
        events = tab.events.problems()
        requests = list(tab.events.requests)
        _open(tab, path, NARROW)
        overflow = tab.horizontal_overflow()
        axe += tab.audit("320 px")
        events += [e for e in tab.events.problems() if e not in events]
        requests += tab.events.requests
        _findings[path] = Findings(tab.page.url.removeprefix(tab.site), events, requests, axe, overflow)
    return _findings[path]


@pytest.fixture(params=PAGES)
def page_path(request: pytest.FixtureRequest, book_html: object) -> str:
    return request.param


def test_page_loads_nothing_from_another_host(tab: Tab, page_path: str) -> None:
    external = [p for p in findings(tab, page_path).events if p.startswith("request to another host")]
    assert not external, f"{page_path} tried to load from other hosts:\n" + "\n".join(external)


def test_page_loads_no_widget_manager_requirejs_or_mathjax(tab: Tab, page_path: str) -> None:
    """The kernel-free book needs none of them, not even served locally (DESIGN.md)."""
    heavy = ("require.js", "require.min.js", "embed-amd", "html-manager", "mathjax", "thebe")
    scripts = [u for u in findings(tab, page_path).requests if ".js" in u.lower().split("?")[0]]
    loaded = [u for u in scripts if any(h in u.lower() for h in heavy)]
    assert not loaded, f"{page_path} loads: {loaded}"


def test_page_logs_no_error(tab: Tab, page_path: str) -> None:
    errors = [p for p in findings(tab, page_path).events if not p.startswith("request to another host")]
    assert not errors, f"{page_path}:\n" + "\n".join(errors)


def test_page_has_no_axe_violation(tab: Tab, page_path: str) -> None:
    found = findings(tab, page_path)
    assert not found.axe, f"{found.landed_on}: axe-core WCAG 2.2 AA violations:\n" + "\n".join(found.axe)


def test_page_reflows_at_320px(tab: Tab, page_path: str) -> None:
    found = findings(tab, page_path)
    assert found.overflow_px == 0, (
        f"{found.landed_on} scrolls sideways at 320 px: the document is {found.overflow_px}px too wide")
