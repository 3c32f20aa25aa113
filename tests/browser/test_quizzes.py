"""Every quiz in the built book, answered as learners answer it: by mouse and by keyboard alone.

Every question is answered by mouse (wrong, "Try again", right). One question of each type is answered
by keyboard alone (Tab, arrows, Space, Enter) in a fresh browser context. The score line, the live
region, progress kept across a reload and on the progress page, "Reset my progress", and a browser that
blocks storage are checked too. Keys come from the bank in Python, not from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from bookbrowser import DESKTOP, NARROW, Events, Tab, html_dir, open_context
from playwright.sync_api import Browser, Page, expect
from quizdriver import (
    QuizOnPage,
    answer_all_at_once,
    answer_by_keyboard,
    answer_by_mouse,
    bank,
    chosen,
    form_of,
    form_state,
    parse_score,
    quizzes_in_book,
    right_answer,
    stored,
    wrong_answer,
)

from evidence_course.model.bank import Question, QuestionType

PROGRESS_PAGE = "book/progress.html"
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('The operation is insecure.', 'SecurityError'); }});
"""


def _collect() -> tuple[list[QuizOnPage], list[str], str | None]:
    if not (html_dir() / "index.html").exists():
        return [], [], "no built book: run `make book` first"
    try:
        the_bank = bank()
    except Exception as error:  # noqa: BLE001 - reported by a test rather than breaking collection
        return [], [], f"the quiz bank does not load: {error}"
    on_pages, unknown = quizzes_in_book(html_dir(), the_bank)
    missing = sorted(set(the_bank) - {q.quiz.id for q in on_pages})
    problems = [f"quiz {qid} is in the bank but on no page" for qid in missing]
    problems += [f"quiz not in the bank: {where}" for where in unknown]
    return on_pages, problems, None


QUIZZES, EMBEDDING_PROBLEMS, COLLECT_ERROR = _collect()
QUESTIONS = [pytest.param(qp, q, id=q.id) for qp in QUIZZES for q in qp.quiz.questions]
BY_TYPE: dict[QuestionType, tuple[QuizOnPage, Question]] = {}
for _qp in QUIZZES:
    for _q in _qp.quiz.questions:
        BY_TYPE.setdefault(_q.type, (_qp, _q))
KEYBOARD_SAMPLE = [pytest.param(qp, q, id=f"{t.value}-{q.id}") for t, (qp, q) in BY_TYPE.items()]


@pytest.fixture(autouse=True)
def _book_ready(request: pytest.FixtureRequest, book_html: object) -> None:
    if COLLECT_ERROR:
        pytest.fail(COLLECT_ERROR)
    if not QUIZZES and request.node.name != "test_every_quiz_in_the_bank_is_in_the_book_and_only_those":
        pytest.fail("no quiz in the built book (looked for <section data-quiz=…>)")


def show(tab: Tab, path: str) -> Page:
    """Open ``path`` unless the reused page is already on it."""
    if tab.page.url != tab.site + path:
        tab.visit(path)
    tab.page.set_viewport_size(DESKTOP)
    return tab.page


def score(page: Page, qp: QuizOnPage) -> tuple[int, int]:
    line = page.locator(f'section[data-quiz="{qp.quiz.id}"] .ec-quiz-score')
    expect(line).to_be_visible()
    return parse_score(line.inner_text())


def expect_result(page: Page, q: Question, *, correct: bool) -> dict:
    """The live region says "Correct" or "Not quite"; feedback and explanation show; the answer is locked."""
    state = form_state(page, q)
    verdict = "Correct" if correct else "Not quite"
    assert state["ariaLive"] == "polite", f"{q.id}: the result is not in a polite live region: {state}"
    assert re.match(rf"{verdict}\b", state["live"] or ""), f"{q.id}: expected {verdict!r}: {state}"
    assert state["disabled"] and state["retry"] and not state["check"], f"{q.id}: {state}"
    assert state["explanation"], f"{q.id}: the explanation is not shown: {state}"
    assert state["feedback"], f"{q.id}: no per-option feedback is shown: {state}"
    return state


def expect_reset(page: Page, q: Question) -> dict:
    state = form_state(page, q)
    assert state["live"] == "" and state["enabled"] and state["check"], f"{q.id} not reset: {state}"
    assert not state["retry"] and not state["feedback"] and not state["explanation"], f"{q.id}: {state}"
    assert chosen(page, q) in (None, [], {}), f"{q.id}: Try again left an answer selected"
    return state


def retry_if_answered(page: Page, q: Question) -> None:
    if form_state(page, q)["retry"]:
        form_of(page, q).get_by_role("button", name="Try again").click()
    expect_reset(page, q)


def test_every_quiz_in_the_bank_is_in_the_book_and_only_those() -> None:
    assert QUIZZES, "no quiz found in the built book (looked for <section data-quiz=…>)"
    assert not EMBEDDING_PROBLEMS, "\n".join(EMBEDDING_PROBLEMS)


def test_every_question_of_the_bank_is_on_its_page(tab: Tab) -> None:
    problems = []
    for qp in QUIZZES:
        page = show(tab, qp.page)
        on_page = page.locator(f'section[data-quiz="{qp.quiz.id}"] form[data-qid]').evaluate_all(
            "fs => fs.map(f => f.dataset.qid)")
        if on_page != [q.id for q in qp.quiz.questions]:
            problems.append(f"{qp.page} {qp.quiz.id}: page has {on_page}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("qp", "q"), QUESTIONS)
def test_question_by_mouse(tab: Tab, qp: QuizOnPage, q: Question) -> None:
    page = show(tab, qp.page)
    tab.events.clear()
    retry_if_answered(page, q)
    first_try = q.id not in stored(page, qp.quiz.id)
    answered, right = score(page, qp)

    answer_by_mouse(page, q, wrong_answer(q))
    expect_result(page, q, correct=False)
    if first_try:
        assert score(page, qp) == (answered + 1, right), "a wrong first try counts as answered, not right"

    form_of(page, q).get_by_role("button", name="Try again").click()
    expect_reset(page, q)

    answer_by_mouse(page, q, right_answer(q))
    expect_result(page, q, correct=True)
    if first_try:
        assert score(page, qp) == (answered + 1, right), "only the first try counts towards the score"
    assert not tab.events.problems(), "\n".join(tab.events.problems())


@pytest.mark.parametrize("qp", [pytest.param(qp, id=qp.quiz.id) for qp in QUIZZES])
def test_answered_quiz_is_accessible_and_reflows(tab: Tab, qp: QuizOnPage) -> None:
    """Every question showing its feedback (a wrong answer: right, wrong and missed marks): axe, 320 px."""
    page = show(tab, qp.page)
    tab.events.clear()
    results = answer_all_at_once(page, {q.id: wrong_answer(q) for q in qp.quiz.questions})
    not_graded = {qid: text for qid, text in results.items() if not text.startswith("Not quite")}
    assert not not_graded, f"wrong answers not graded as wrong: {not_graded}"
    violations = tab.audit("answered, 1280 px")
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(400)  # the theme marks scrollable regions focusable 300 ms after a resize
    overflow = tab.horizontal_overflow()
    violations += tab.audit("answered, 320 px")
    assert not violations, "\n".join(violations)
    assert overflow == 0, f"{qp.page} scrolls sideways at 320 px once answered ({overflow}px too wide)"
    assert not tab.events.problems(), "\n".join(tab.events.problems())


@pytest.fixture(scope="module")
def keyboard_tab(browser: Browser, tab: Tab) -> Iterator[Tab]:
    """A fresh context (empty storage) for keyboard-only answering."""
    events = Events()
    context = open_context(browser, events)
    yield Tab(context.new_page(), events, tab.site, tab.axe)
    context.close()


@pytest.mark.parametrize(("qp", "q"), KEYBOARD_SAMPLE)
def test_question_by_keyboard_alone(keyboard_tab: Tab, qp: QuizOnPage, q: Question) -> None:
    page = show(keyboard_tab, qp.page)
    keyboard_tab.events.clear()
    retry_if_answered(page, q)

    answer_by_keyboard(page, q, wrong_answer(q))
    expect_result(page, q, correct=False)
    assert form_state(page, q)["focused"] == "retry", "focus should move to Try again"
    page.keyboard.press("Enter")  # Try again
    assert expect_reset(page, q)["focused"] == "first-control", "focus should return to the first choice"

    answer_by_keyboard(page, q, right_answer(q))
    expect_result(page, q, correct=True)
    assert chosen(page, q) == right_answer(q) or sorted(chosen(page, q)) == sorted(right_answer(q))
    violations = keyboard_tab.audit(f"after answering {q.id} by keyboard")
    assert not violations, "\n".join(violations)
    assert not keyboard_tab.events.problems(), "\n".join(keyboard_tab.events.problems())


@pytest.fixture()
def fresh_tab(browser: Browser, tab: Tab) -> Iterator[Tab]:
    events = Events()
    context = open_context(browser, events)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Reset my progress" asks for confirmation
    yield Tab(page, events, tab.site, tab.axe)
    context.close()


def progress_status(page: Page, quiz_id: str) -> str:
    return page.locator(f'.ec-progress tr[data-quiz="{quiz_id}"] .ec-progress-status').inner_text()


def test_progress_survives_reload_shows_on_progress_page_and_resets(fresh_tab: Tab) -> None:
    qp = QUIZZES[0]
    q = qp.quiz.questions[0]
    total = len(qp.quiz.questions)
    page = show(fresh_tab, qp.page)
    assert score(page, qp) == (0, 0)
    answer_by_mouse(page, q, right_answer(q))
    expect_result(page, q, correct=True)
    assert score(page, qp) == (1, 1)

    page.reload()
    expect_result(page, q, correct=True)  # the answer is shown again, graded
    assert chosen(page, q) == right_answer(q)
    assert score(page, qp) == (1, 1)

    page = fresh_tab.visit(PROGRESS_PAGE)
    expect(page.locator(".ec-progress")).to_have_count(1)
    assert progress_status(page, qp.quiz.id) == f"1 of {total} answered, 1 correct first time."
    for other in QUIZZES[1:]:
        assert progress_status(page, other.quiz.id) == "Not started."
    violations = fresh_tab.audit("progress page with progress")

    page.get_by_role("button", name="Reset my progress").click()
    expect(page.locator(".ec-reset-done")).to_have_text("Your progress has been cleared.")
    assert progress_status(page, qp.quiz.id) == "Not started."
    page.reload()
    assert progress_status(page, qp.quiz.id) == "Not started."

    page = fresh_tab.visit(qp.page)
    expect_reset(page, q)
    assert score(page, qp) == (0, 0)
    assert not violations, "\n".join(violations)
    assert not fresh_tab.events.problems(), "\n".join(fresh_tab.events.problems())


def test_quiz_works_when_storage_is_blocked(fresh_tab: Tab) -> None:
    fresh_tab.page.context.add_init_script(BLOCK_STORAGE)
    qp = QUIZZES[0]
    q = qp.quiz.questions[0]
    page = show(fresh_tab, qp.page)
    # The theme gets an in-memory stand-in (templates/layout.html); the course's own keys stay refused.
    refused = page.evaluate("""() => { try { localStorage.setItem('evidence-course:v1:probe', '1'); }
                                       catch (e) { return true; } return false; }""")
    assert refused, "storage should be blocked for the course's own progress"
    note = page.locator(f'section[data-quiz="{qp.quiz.id}"] .ec-quiz-note')
    expect(note).to_be_visible()
    expect(note).to_contain_text("progress will not be kept")

    answer_by_mouse(page, q, wrong_answer(q))
    expect_result(page, q, correct=False)
    form_of(page, q).get_by_role("button", name="Try again").click()
    answer_by_mouse(page, q, right_answer(q))
    expect_result(page, q, correct=True)
    assert score(page, qp) == (1, 0)

    page.locator(".theme-toggle:visible").first.click()  # the theme copes with blocked storage too
    page = fresh_tab.visit(PROGRESS_PAGE)
    expect(page.locator(".ec-progress-note")).to_be_visible()
    assert not fresh_tab.events.problems(), "\n".join(fresh_tab.events.problems())
