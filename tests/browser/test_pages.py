"""Every page of the built book, as a reader's browser meets it, in light and in dark mode.

Each page is opened at 1280 px and loaded again at 320 px, in light and in dark mode (the theme follows
the system setting, emulated here), and the findings are kept, so that four tests per page report
separately: nothing loads from another host (nor the scripts of require.js, the widget manager, MathJax
or thebe from anywhere), no console or page error, no axe-core violation of WCAG 2.2 AA (the theme's
header, sidebars and search included), and no horizontal scrolling at 320 px (WCAG 1.4.10 Reflow).

Then the answered state: in one browser context every quiz is answered and the CPD record filled in,
and every page that shows stored progress (the quiz pages and the progress page) is audited again in
both modes at both widths. The other pages show no stored state (checked), so their audit stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from bookbrowser import DESKTOP, NARROW, Events, Tab, book_pages, html_dir, open_context
from playwright.sync_api import Browser

PAGES = book_pages() if (html_dir() / "index.html").exists() else ["(no built book)"]
SCHEMES = ("light", "dark")
#: Elements that show what this browser stored: quizzes, the progress table, the CPD record.
STATEFUL = "section[data-quiz], .ec-progress, .ec-cpd"


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
    """Open ``path`` at 1280 px and at 320 px (loaded at that width, as a phone would), in light and in
    dark mode, and record everything the four tests below look at."""
    if path not in _findings:
        events: list[str] = []
        requests: list[str] = []
        axe: list[str] = []
        overflow = 0
        for scheme in SCHEMES:
            tab.page.emulate_media(color_scheme=scheme)
            for viewport, name in ((DESKTOP, "1280 px"), (NARROW, "320 px")):
                _open(tab, path, viewport)
                axe += tab.audit(f"{scheme}, {name}")
                if viewport is NARROW:
                    overflow = max(overflow, tab.horizontal_overflow())
                events += [e for e in tab.events.problems() if e not in events]
                requests += tab.events.requests
        tab.page.emulate_media(color_scheme="light")
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


@pytest.fixture(scope="module")
def answered_tab(browser: Browser, tab: Tab) -> Iterator[Tab]:
    """A fresh context in which every quiz of the book is answered and the CPD record filled in."""
    from quizdriver import answer_all_at_once, right_answer, wrong_answer
    from test_quizzes import PROGRESS_PAGE, QUIZZES

    events = Events()
    context = open_context(browser, events)
    answered = Tab(context.new_page(), events, tab.site, tab.axe)
    for qp in QUIZZES:  # the first question right, the others wrong: every kind of mark is shown
        answered.visit(qp.page)
        answers = {q.id: (right_answer(q) if i == 0 else wrong_answer(q)) for i, q in
                   enumerate(qp.quiz.questions)}
        answer_all_at_once(answered.page, answers)
    page = answered.visit(PROGRESS_PAGE)
    page.fill("#ec-cpd-name", "A. Learner with a rather long double-barrelled surname-for-testing")
    page.fill("#ec-cpd-date", "2026-11-28")
    yield answered
    context.close()


def stateful_pages() -> list[str]:
    """The pages that show stored progress: their HTML holds a quiz, the progress table or the CPD
    record. No other page reads the learner's storage, so no other page changes once answered."""
    html = html_dir()
    return [p for p in PAGES if any(mark in (html / p).read_text(encoding="utf-8")
                                    for mark in ('data-quiz="', 'class="ec-progress"', 'class="ec-cpd"'))]


def test_every_page_with_stored_progress_is_accessible_once_answered(answered_tab: Tab) -> None:
    """Quiz pages (feedback, marks, scores) and the progress page (scores, filled CPD record), in
    light and dark mode at 1280 px and 320 px: no axe violation, no sideways scrolling."""
    pages = stateful_pages()
    assert "book/progress.html" in pages and len(pages) > 2, pages
    problems: list[str] = []
    for path in pages:
        for scheme in SCHEMES:
            answered_tab.page.emulate_media(color_scheme=scheme)
            for viewport, name in ((DESKTOP, "1280 px"), (NARROW, "320 px")):
                page = answered_tab.visit(path, viewport=viewport)
                shown = page.evaluate(f"""() => [...document.querySelectorAll('{STATEFUL}')].some(
                    el => /correct first time|Not quite|Correct|Completed/.test(el.textContent))""")
                if not shown:
                    problems.append(f"{path} [{scheme}, {name}]: shows no answered state")
                problems += tab_problems(answered_tab, path, f"answered, {scheme}, {name}")
                if viewport is NARROW and (over := answered_tab.horizontal_overflow()):
                    problems.append(f"{path} [answered, {scheme}, 320 px] scrolls sideways by {over}px")
    answered_tab.page.emulate_media(color_scheme="light")
    assert not problems, "\n".join(problems)


def tab_problems(tab: Tab, path: str, context: str) -> list[str]:
    return [f"{path}: {line}" for line in tab.audit(context)] + [
        f"{path} [{context}]: {p}" for p in tab.events.problems()]
