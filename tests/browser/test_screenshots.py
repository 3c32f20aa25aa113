"""Screenshots of one quiz page before and after answering, at desktop width and at 320 px.

Saved to ``<COURSE_BUILD_DIR or _build>/screenshots/`` for a person to look at (they are not compared
with stored images). The test also checks that the answered quiz does not scroll sideways at 320 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bookbrowser import DESKTOP, NARROW, Events, Tab, html_dir, open_context
from playwright.sync_api import Browser, Page
from quizdriver import QuizOnPage, answer_by_mouse, wrong_answer
from test_quizzes import QUIZZES

from evidence_course.model.bank import QuestionType


def shots_dir() -> Path:
    return html_dir().parent / "screenshots"


@pytest.fixture()
def shot_tab(browser: Browser, tab: Tab) -> Iterator[Tab]:
    events = Events()
    context = open_context(browser, events)
    yield Tab(context.new_page(), events, tab.site, tab.axe)
    context.close()


def _clip(page: Page, quiz_id: str, count: int) -> dict:
    """From the quiz's heading to the end of its ``count``-th question, full width."""
    box = page.evaluate(
        """([id, count]) => {
            const s = document.querySelector(`section[data-quiz="${id}"]`);
            const forms = s.querySelectorAll('form.ec-q');
            const top = s.getBoundingClientRect().top + scrollY;
            const bottom = forms[Math.min(count, forms.length) - 1].getBoundingClientRect().bottom + scrollY;
            return {x: 0, y: Math.max(0, top - 16), width: innerWidth, height: bottom - top + 32};
        }""",
        [quiz_id, count],
    )
    return box


def shoot(page: Page, path: Path, quiz_id: str, count: int) -> None:
    """A full-page capture clipped to the quiz, taken from the top so fixed bars sit where they belong."""
    clip = _clip(page, quiz_id, count)
    page.evaluate("() => scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True, clip=clip, style=".back-to-top { display: none; }")


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320px"])
def test_quiz_screenshots_before_and_after_answering(shot_tab: Tab, viewport: dict) -> None:
    if not QUIZZES:
        pytest.fail("no quiz in the built book")
    # The quiz whose first "select all" or sorting question comes earliest shows the most states.
    def first_complex(qp: QuizOnPage) -> int:
        types = [q.type for q in qp.quiz.questions]
        return next((i for i, t in enumerate(types) if t in (QuestionType.MULTIPLE, QuestionType.CATEGORISE)),
                    len(types))

    qp = min(QUIZZES, key=first_complex)
    questions = qp.quiz.questions[:first_complex(qp) + 1]
    page = shot_tab.visit(qp.page, viewport=viewport)
    out = shots_dir()
    out.mkdir(parents=True, exist_ok=True)
    name = f"quiz-{qp.quiz.id}-{viewport['width']}px"
    shoot(page, out / f"{name}-before.png", qp.quiz.id, len(questions))
    for q in questions:
        answer_by_mouse(page, q, wrong_answer(q))
    shoot(page, out / f"{name}-after.png", qp.quiz.id, len(questions))
    assert shot_tab.horizontal_overflow() == 0, f"{qp.page} scrolls sideways at {viewport['width']} px"
    assert not shot_tab.events.problems(), "\n".join(shot_tab.events.problems())
