"""WCAG 1.4.11 Non-text contrast of the quiz, which axe-core does not check: computed in the page.

On an answered quiz (right, wrong and missed marks showing: wrong answers are followed by "Show
answer", since a wrong first try marks only what was chosen), in light and in dark mode: the quiz's
border, a radio button's and a checkbox's border, each answer mark's bar, and the focus ring of a
control reached by keyboard, each at least 3:1 against the background behind it. The check itself is
shown to fail on a page built to break it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bookbrowser import Events, Tab, non_text_contrast, open_context
from playwright.sync_api import Browser
from quizdriver import answer_all_at_once, right_answer, wrong_answer
from test_quizzes import QUIZZES

from evidence_course.model.bank import QuestionType

CHECKS = [
    (".ec-quiz", "border-top-color"),
    (".ec-row input[type=radio]", "border-top-color"),
    (".ec-row input[type=checkbox]", "border-top-color"),
    (".ec-right", "border-left-color"),
    (".ec-wrong", "border-left-color"),
    (".ec-missed", "border-left-color"),
]


@pytest.fixture(scope="module")
def contrast_tab(browser: Browser, tab: Tab) -> Iterator[Tab]:
    events = Events()
    context = open_context(browser, events)
    yield Tab(context.new_page(), events, tab.site, tab.axe)
    context.close()


def _quiz_with_both_kinds() -> tuple:
    """A quiz page with a single-choice and a select-all question (radio buttons and checkboxes)."""
    for qp in QUIZZES:
        types = {q.type for q in qp.quiz.questions}
        if QuestionType.MULTIPLE in types and types & {QuestionType.SINGLE, QuestionType.TRUEFALSE}:
            return qp
    pytest.fail("no quiz has both a single-choice and a select-all question")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_borders_marks_and_focus_ring_have_3_to_1(contrast_tab: Tab, scheme: str) -> None:
    qp = _quiz_with_both_kinds()
    page = contrast_tab.page
    page.emulate_media(color_scheme=scheme)
    contrast_tab.visit(qp.page)
    page.evaluate("() => localStorage.clear()")
    page.reload(wait_until="load")
    questions = qp.quiz.questions
    # one question answered right (a right mark), the rest wrong (wrong and missed marks)
    answer_all_at_once(page, {q.id: right_answer(q) if i == 0 else wrong_answer(q)
                              for i, q in enumerate(questions)})
    page.evaluate("() => document.querySelectorAll('form.ec-q .ec-show:not([hidden])')"
                  ".forEach(b => b.click())")
    problems = non_text_contrast(page, CHECKS)
    page.locator("form.ec-q .ec-retry").first.focus()  # keyboard focus: :focus-visible
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    problems += non_text_contrast(page, [(":focus", "outline-color")])
    assert not problems, f"[{scheme}] " + "\n".join(problems)


def test_contrast_check_catches_a_faint_border_and_ring(contrast_tab: Tab) -> None:
    page = contrast_tab.page
    page.set_content("""<body style="background:#fff"><div class="faint" style="border:1px solid #ddd">x</div>
        <button id="b" style="outline:3px solid #eee">b</button></body>""")
    page.focus("#b")
    problems = non_text_contrast(page, [(".faint", "border-top-color"), (":focus", "outline-color"),
                                        (".absent", "border-top-color")])
    assert len(problems) == 3, problems
