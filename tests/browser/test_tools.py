"""Every practice tool in the built book, used as staff would: filled in, kept, printed, cleared.

For each tool, at 1280 px and at 320 px, in a fresh browser context: axe-core finds nothing; every
field is filled in (text, dates, choices) and the tool marked as finished; the fields are stored under
``evidence-course:v1:tool:<id>`` and ``evidence-course:tool-saved`` is dispatched; a reload shows
them again; print media shows every field and label and hides the buttons; axe-core still finds
nothing; "Clear this tool" asks first (cancel keeps everything) and then empties the fields and the
storage. The CPD record on the progress page lists finished tools, and a browser that blocks storage
is told so while the fields still work. Field keys come from the YAML (Python), not from the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from bookbrowser import DESKTOP, NARROW, Events, Tab, html_dir, open_context
from course_under_test import COURSE
from playwright.sync_api import Browser, Page, expect

from evidence_course.model.practice import Tool
from evidence_course.render.practice_html import STORAGE_PREFIX, html_id

TOOLS: dict[str, Tool] = COURSE.practice_tools() if (html_dir() / "index.html").exists() else {}
WIDTHS = [pytest.param(DESKTOP, id="1280px"), pytest.param(NARROW, id="320px")]
PROGRESS_PAGE = "book/progress.html"
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('The operation is insecure.', 'SecurityError'); }});
"""
RECORD_EVENTS = """() => { window.__toolSaved = [];
  document.addEventListener('evidence-course:tool-saved', (e) => window.__toolSaved.push(e.detail.tool)); }"""


def page_of(tool_id: str) -> str:
    return f"book/tools/{tool_id}.html"


@pytest.fixture()
def fresh(browser: Browser, tab: Tab) -> Iterator[Tab]:
    """A new browser context (empty localStorage); confirmation dialogs are answered by ``answers``."""
    events = Events()
    context = open_context(browser, events)
    page = context.new_page()
    answers: list[bool] = []

    def answer(dialog: Any) -> None:
        if answers.pop(0) if answers else True:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    new = Tab(page, events, tab.site, tab.axe)
    new.answers = answers  # type: ignore[attr-defined]
    yield new
    context.close()


def values_for(tool: Tool) -> dict[str, Any]:
    """What the test types or picks in each field, by storage key."""
    values: dict[str, Any] = {}
    for _part, _row, field, key in tool.iter_fields():
        if field.kind == "choice":
            values[key] = field.choices[(len(key)) % len(field.choices)]
        elif field.kind == "check":
            values[key] = True
        elif field.kind == "date":
            values[key] = "2026-11-28"
        else:
            values[key] = f"Typed into {key}: a line of test text, then a second sentence to fill it."
    return values


def fill(page: Page, tool: Tool, values: dict[str, Any]) -> None:
    for _part, _row, field, key in tool.iter_fields():
        target = html_id(tool, key)
        if field.kind == "choice":
            number = field.choices.index(values[key]) + 1
            page.locator(f"#{target}-{number}").check()
        elif field.kind == "check":
            page.locator(f"#{target}").check()
        else:
            page.locator(f"#{target}").fill(values[key])


def on_page(page: Page, tool: Tool) -> dict[str, Any]:
    """The values the page shows, by storage key (empty fields left out)."""
    shown: dict[str, Any] = {}
    for _part, _row, field, key in tool.iter_fields():
        target = html_id(tool, key)
        if field.kind == "choice":
            for number, choice in enumerate(field.choices, 1):
                if page.locator(f"#{target}-{number}").is_checked():
                    shown[key] = choice
        elif field.kind == "check":
            if page.locator(f"#{target}").is_checked():
                shown[key] = True
        else:
            value = page.locator(f"#{target}").input_value()
            if value:
                shown[key] = value
    return shown


def stored(page: Page, tool_id: str) -> dict | None:
    text = page.evaluate("(key) => localStorage.getItem(key)", STORAGE_PREFIX + tool_id)
    return json.loads(text) if text else None


@pytest.fixture(autouse=True)
def _book_ready(book_html: object) -> None:
    if not TOOLS:
        pytest.fail("no built book or no practice tools: run `make book` first")


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("tool_id", ["supported-referral", "supervision-questions", "service-map",
                                     "disclosure-and-recording", "reflective-log"])
def test_fill_reload_print_and_clear(fresh: Tab, tool_id: str, viewport: dict) -> None:
    tool = TOOLS[tool_id]
    page = fresh.visit(page_of(tool_id), viewport=viewport)
    width = f"{viewport['width']} px"
    violations = fresh.audit(f"{tool_id}, empty, {width}")
    assert fresh.horizontal_overflow() == 0, f"{tool_id} scrolls sideways at {width}"
    expect(page.locator(".ec-tool-actions")).to_be_visible()
    expect(page.locator(".ec-tool-nojs")).to_be_hidden()
    page.evaluate(RECORD_EVENTS)

    # Fill in every field and mark the tool as finished.
    values = values_for(tool)
    fill(page, tool, values)
    page.locator(".ec-tool-done").check()
    expect(page.locator(".ec-tool-status")).to_contain_text("Marked as finished")
    page.wait_for_function("([key, n]) => { const r = JSON.parse(localStorage.getItem(key) || '{}');"
                           " return r.fields && Object.keys(r.fields).length === n; }",
                           arg=[STORAGE_PREFIX + tool_id, len(values)])
    record = stored(page, tool_id)
    assert record["fields"] == values
    assert record["done"] and len(record["done"]) == len("2026-11-28")
    assert tool_id in page.evaluate("() => window.__toolSaved")
    for reveal in page.locator("details.ec-tool-reveal").all():
        reveal.locator("summary").click()
    # At the top of the page, as after a reload: the theme's own "Back to top" button (shown while
    # scrolling up) fails colour contrast on every page; that is the theme's, not the tool's.
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    violations += fresh.audit(f"{tool_id}, filled in, {width}")
    assert fresh.horizontal_overflow() == 0, f"{tool_id} scrolls sideways at {width} once filled in"

    # Kept across a reload.
    page.reload()
    assert on_page(page, tool) == values
    expect(page.locator(".ec-tool-done")).to_be_checked()

    # Print preview: every field and label shows, with all its text; buttons and chrome do not.
    page.emulate_media(media="print")
    for _part, _row, field, key in tool.iter_fields():
        target = html_id(tool, key)
        control = page.locator(f"#{target}-1" if field.kind == "choice" else f"#{target}")
        assert control.is_visible(), f"{tool_id}: field {key} hidden in print"
        label = page.locator(f'label[for="{control.get_attribute("id")}"]')
        assert label.is_visible(), f"{tool_id}: label of {key} hidden in print"
        if field.kind in ("lines", "line"):
            cut = control.evaluate("(el) => el.scrollHeight - el.clientHeight")
            assert cut <= 2, f"{tool_id}: {key} shows only part of its text in print ({cut}px cut)"
    for hidden in (".ec-tool-print", ".ec-tool-clear", ".ec-tool-status", ".ec-tool-keep"):
        assert page.locator(hidden).count() == 1, hidden
        assert not page.locator(hidden).is_visible(), f"{hidden} shows in print"
    expect(page.locator(".ec-tool-label")).to_be_visible()
    page.emulate_media(media="screen")

    # Clear: cancelling keeps everything; confirming empties the fields and the storage.
    fresh.answers.append(False)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Clear this tool").click()
    expect(page.locator(".ec-tool-status")).to_have_text("Nothing was cleared.")
    assert on_page(page, tool) == values and stored(page, tool_id)
    fresh.answers.append(True)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Clear this tool").click()
    expect(page.locator(".ec-tool-status")).to_contain_text("Cleared.")
    assert on_page(page, tool) == {}
    expect(page.locator(".ec-tool-done")).not_to_be_checked()
    assert stored(page, tool_id) is None
    page.reload()
    assert on_page(page, tool) == {}
    assert not violations, "\n".join(violations)
    assert not fresh.events.problems(), "\n".join(fresh.events.problems())


def test_finished_tools_are_listed_in_the_cpd_record(fresh: Tab) -> None:
    page = fresh.visit(PROGRESS_PAGE)
    record = page.locator(".ec-cpd .ec-cpd-tools")
    expect(record).to_contain_text("No practice tool marked as finished yet.")
    for tool_id in ("reflective-log", "service-map"):
        page = fresh.visit(page_of(tool_id))
        page.locator(".ec-tool-done").check()
        expect(page.locator(".ec-tool-status")).to_contain_text("Marked as finished")
    page = fresh.visit(PROGRESS_PAGE)
    rows = page.locator(".ec-cpd-tools tbody tr")
    expect(rows).to_have_count(2)
    listed = rows.all_inner_texts()
    assert any(TOOLS["reflective-log"].title in row for row in listed)
    assert any(TOOLS["service-map"].title in row for row in listed)
    expect(record).to_contain_text(f"You have finished 2 of {len(TOOLS)} practice tools.")
    link = rows.first.locator("a")
    assert link.get_attribute("href").startswith("tools/")
    violations = fresh.audit("progress page listing finished tools")

    # Unticking on the tool page updates the record in another tab straight away (storage event).
    other = page.context.new_page()
    other.goto(fresh.site + page_of("service-map"))
    other.locator(".ec-tool-done").uncheck()
    expect(rows).to_have_count(1)
    other.close()
    page.emulate_media(media="print")
    assert page.locator(".ec-cpd-tools table").is_visible()
    page.emulate_media(media="screen")
    assert not violations, "\n".join(violations)
    assert not fresh.events.problems(), "\n".join(fresh.events.problems())


def test_tool_works_and_says_so_when_storage_is_blocked(fresh: Tab) -> None:
    fresh.page.context.add_init_script(BLOCK_STORAGE)
    tool = TOOLS["reflective-log"]
    page = fresh.visit(page_of(tool.id))
    expect(page.locator(".ec-tool-blocked")).to_be_visible()
    expect(page.locator(".ec-tool-js")).to_be_hidden()
    field = page.locator(f"#{html_id(tool, 'entry.differently')}")
    field.fill("I will make the first call with the person.")
    page.locator(".ec-tool-done").check()
    expect(field).to_have_value("I will make the first call with the person.")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    page.wait_for_timeout(500)  # past the save delay: saving must fail quietly
    page.reload()
    expect(page.locator(f"#{html_id(tool, 'entry.differently')}")).to_have_value("")
    page = fresh.visit(PROGRESS_PAGE)
    expect(page.locator(".ec-cpd-tools")).to_contain_text("not letting the page store anything")
    assert not fresh.events.problems(), "\n".join(fresh.events.problems())


def test_without_scripts_the_fields_still_show_and_say_nothing_is_saved(browser: Browser, tab: Tab) -> None:
    events = Events()
    context = open_context(browser, events, java_script_enabled=False)
    page = context.new_page()
    page.goto(tab.site + page_of("supported-referral"))
    expect(page.locator(".ec-tool-nojs")).to_be_visible()
    expect(page.locator(".ec-tool-actions")).to_be_hidden()
    expect(page.locator("textarea").first).to_be_visible()
    context.close()
