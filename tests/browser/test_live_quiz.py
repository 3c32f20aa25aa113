"""The live workshop quiz as a participant meets it: Voilà on loopback, answered in Chromium.

The feedback comes from the kernel (Python grading through the ipywidgets quiz), not from quiz.js,
so this is the one test that proves the live path end to end in a real browser.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from bookbrowser import Events, open_context
from course_under_test import COURSE
from playwright.sync_api import Browser, Page

from evidence_course.live.voila import start_voila, stop_voila, wait_until_serving
from evidence_course.render import markup

NOTEBOOK = "live-quiz.ipynb"
QUIZ = "final-assessment"  # the quiz the participant notebook shows


@pytest.fixture(scope="module")
def voila_url() -> Iterator[str]:
    process, url = start_voila(COURSE, notebook=NOTEBOOK, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(process, url)
        yield url
    finally:
        stop_voila(process, timeout=20)


def _first_single_question():
    quiz = COURSE.bank()[QUIZ]
    for number, question in enumerate(quiz.questions):
        if question.type.value == "single":
            return number, question
    pytest.fail(f"quiz {QUIZ} has no single-choice question to answer")


def _answer(page: Page, number: int, option_text: str) -> str:
    """Pick ``option_text`` in question ``number`` (0-based), check it, and return the feedback text."""
    question = page.locator(".widget-radio-box").nth(number)
    question.get_by_label(option_text, exact=True).check()
    page.get_by_role("button", name="Check answer").nth(number).click()
    feedback = page.locator(".ec-summary").first
    feedback.wait_for(timeout=20_000)
    return feedback.inner_text()


def test_live_quiz_grades_in_the_kernel(browser: Browser, voila_url: str) -> None:
    events = Events()
    context = open_context(browser, events)
    try:
        page = context.new_page()
        page.goto(voila_url, wait_until="load", timeout=60_000)
        page.locator(".widget-radio-box").first.wait_for(timeout=60_000)
        number, question = _first_single_question()
        texts = {o.id: markup.plain(o.text) for o in question.options}
        wrong = next(o for o in texts if o != question.key)

        assert "Not quite" in _answer(page, number, texts[wrong])
        page.get_by_role("button", name="Try again").first.click()
        page.locator(".ec-summary").first.wait_for(state="detached", timeout=20_000)
        assert "Correct" in _answer(page, number, texts[question.key])
        assert not events.external, f"the live quiz asked other hosts: {events.external}"
    finally:
        context.close()
