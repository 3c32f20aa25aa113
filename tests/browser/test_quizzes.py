"""Every quiz in the built book, answered as learners answer it: by mouse and by keyboard alone.

Every question is answered by mouse: wrong (only the choice is marked, the answer stays hidden), "Try
again" (the answer stays, to be changed), right (answer and explanation revealed). One question of each
type is answered by keyboard alone (Tab, arrows, Space, Enter) in a fresh browser context, and goes
through a second wrong try and "Show answer". The score (first tries only), the live region, the focus
after each action, the events, progress and option order kept across a reload, the progress page,
"Reset my progress", a browser that blocks storage, and axe in every state in light and dark mode are
checked too. Keys come from the bank in Python, not from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from bookbrowser import DESKTOP, NARROW, Events, Tab, html_dir, open_context
from playwright.sync_api import Browser, Page, expect
from quizdriver import (
    QuizOnPage,
    answer_all_at_once,
    answer_by_keyboard,
    answer_by_mouse,
    bank,
    choose_by_keyboard,
    chosen,
    forget_quiz,
    form_of,
    form_state,
    listen_for_events,
    parse_score,
    press_button,
    quizzes_in_book,
    recorded_events,
    right_answer,
    same_answer,
    set_theme,
    shown_order,
    stored,
    wrong_answer,
)

from evidence_course.model.bank import Question, QuestionType
from evidence_course.model.grading import display_order

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


def expect_retry(page: Page, q: Question, answer: Any) -> dict:
    """After a wrong first try: "Not quite" in the live region, only the chosen options marked, no key,
    no missed option, no explanation; "Try again" and "Show answer" offered; the answer locked."""
    state = form_state(page, q)
    assert state["ariaLive"] == "polite", f"{q.id}: the result is not in a polite live region: {state}"
    assert re.match(r"Not quite\b", state["live"] or ""), f"{q.id}: expected 'Not quite': {state}"
    assert state["disabled"] and state["retry"] and state["show"] and not state["check"], f"{q.id}: {state}"
    assert not state["explanation"], f"{q.id}: the answer and explanation show after one wrong try: {state}"
    chosen_ids = {answer} if isinstance(answer, str) else set(answer)  # option ids, or the items placed
    assert set(state["marked"]) <= chosen_ids and state["marked"], f"{q.id}: marks beyond the choice: {state}"
    assert "ec-missed" not in state["marked"].values(), f"{q.id}: a missed option gives the key away: {state}"
    assert state["describedBy"] == len(state["marked"]), f"{q.id}: {state}"
    return state


def expect_revealed(page: Page, q: Question, *, correct: bool) -> dict:
    """"Correct" or "Not quite … The answer and explanation are below."; marks, answer and explanation
    shown; the answer locked; "Try again" offered, "Show answer" no longer."""
    state = form_state(page, q)
    verdict = "Correct" if correct else "Not quite"
    assert state["ariaLive"] == "polite", f"{q.id}: the result is not in a polite live region: {state}"
    assert re.match(rf"{verdict}\b", state["live"] or ""), f"{q.id}: expected {verdict!r}: {state}"
    if not correct:
        assert state["live"].endswith("The answer and explanation are below."), state
    assert state["disabled"] and state["retry"], f"{q.id}: {state}"
    assert not state["check"] and not state["show"], f"{q.id}: {state}"
    assert state["explanation"], f"{q.id}: the explanation is not shown: {state}"
    assert state["feedback"], f"{q.id}: no per-option feedback is shown: {state}"
    return state


def expect_open(page: Page, q: Question) -> dict:
    """Open for an answer: no result, no marks, controls enabled, "Check answer" offered."""
    state = form_state(page, q)
    assert state["live"] == "" and state["enabled"] and state["check"], f"{q.id} not open: {state}"
    assert not state["retry"] and not state["show"] and not state["feedback"], f"{q.id}: {state}"
    assert not state["explanation"] and not state["describedBy"], f"{q.id}: {state}"
    return state


def start_fresh(page: Page, qp: QuizOnPage, q: Question) -> None:
    """Make sure the question has never been tried in this browser (forgets its quiz if it had)."""
    if q.id in stored(page, qp.quiz.id):
        forget_quiz(page, qp.quiz.id)
    expect_open(page, q)


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
    """Wrong first try (answer hidden) → Try again (the answer stays, to be changed) → right (revealed).
    The first try is what the score and the stored ``first`` keep."""
    page = show(tab, qp.page)
    tab.events.clear()
    start_fresh(page, qp, q)
    answered, right = score(page, qp)

    answer_by_mouse(page, q, wrong_answer(q))
    expect_retry(page, q, wrong_answer(q))
    assert score(page, qp) == (answered + 1, right), "a wrong first try counts as answered, not right"

    form_of(page, q).get_by_role("button", name="Try again").click()
    expect_open(page, q)
    assert same_answer(chosen(page, q), wrong_answer(q)), "Try again should keep the answer to change it"

    answer_by_mouse(page, q, right_answer(q))
    expect_revealed(page, q, correct=True)
    assert score(page, qp) == (answered + 1, right), "only the first try counts towards the score"
    entry = stored(page, qp.quiz.id)[q.id]
    assert entry["first"] is False and entry["correct"] is True and entry["hash"] == q.content_hash
    assert not tab.events.problems(), "\n".join(tab.events.problems())


@pytest.mark.parametrize(("qp", "q"), KEYBOARD_SAMPLE)
def test_second_wrong_try_reveals_the_answer(tab: Tab, qp: QuizOnPage, q: Question) -> None:
    page = show(tab, qp.page)
    start_fresh(page, qp, q)
    answer_by_mouse(page, q, wrong_answer(q))
    form_of(page, q).get_by_role("button", name="Try again").click()
    form_of(page, q).get_by_role("button", name="Check answer").click()  # the same wrong answer
    state = expect_revealed(page, q, correct=False)
    if q.type is QuestionType.CATEGORISE:
        assert any("belongs in" in text for text in state["feedback"]), state
    else:
        assert "ec-missed" in state["marked"].values(), f"the key should now be marked: {state}"
    assert state["focused"] == "answer", "after the answer is revealed, focus moves to it"
    assert stored(page, qp.quiz.id)[q.id]["first"] is False


@pytest.mark.parametrize(("qp", "q"), KEYBOARD_SAMPLE)
def test_show_answer_after_a_wrong_try(tab: Tab, qp: QuizOnPage, q: Question) -> None:
    page = show(tab, qp.page)
    start_fresh(page, qp, q)
    answer_by_mouse(page, q, wrong_answer(q))
    form_of(page, q).get_by_role("button", name="Show answer").click()
    state = expect_revealed(page, q, correct=False)
    assert state["focused"] == "answer"
    entry = stored(page, qp.quiz.id)[q.id]
    assert entry["revealed"] is True and entry["first"] is False
    form_of(page, q).get_by_role("button", name="Try again").click()  # a new round starts blank
    expect_open(page, q)
    assert chosen(page, q) in (None, [], {})


@pytest.mark.parametrize("qp", [pytest.param(qp, id=qp.quiz.id) for qp in QUIZZES])
def test_quiz_is_accessible_in_every_state_and_reflows(tab: Tab, qp: QuizOnPage) -> None:
    """axe (WCAG 2.2 AA) before answering, after a wrong try and once revealed, at 1280 and 320 px;
    the last quiz also in dark mode."""
    page = show(tab, qp.page)
    forget_quiz(page, qp.quiz.id)
    tab.events.clear()
    modes = ["light", "dark"] if qp is QUIZZES[-1] else ["light"]
    violations = []
    for mode in modes:
        set_theme(page, mode)
        violations += tab.audit(f"{mode}, before answering")
        results = answer_all_at_once(page, {q.id: wrong_answer(q) for q in qp.quiz.questions})
        not_graded = {qid: text for qid, text in results.items() if not text.startswith("Not quite")}
        assert not not_graded, f"wrong answers not graded as wrong: {not_graded}"
        violations += tab.audit(f"{mode}, after a wrong try, 1280 px")
        page.set_viewport_size(NARROW)
        page.wait_for_timeout(400)  # the theme marks scrollable regions focusable 300 ms after a resize
        overflow = tab.horizontal_overflow()
        violations += tab.audit(f"{mode}, after a wrong try, 320 px")
        page.locator(".ec-show:visible").evaluate_all("bs => bs.forEach(b => b.click())")
        assert tab.horizontal_overflow() == 0 and overflow == 0, f"{qp.page} scrolls sideways at 320 px"
        page.set_viewport_size(DESKTOP)
        violations += tab.audit(f"{mode}, revealed, 1280 px")
        forget_quiz(page, qp.quiz.id)
    set_theme(page, "light")
    assert not violations, "\n".join(violations)
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
    start_fresh(page, qp, q)

    answer_by_keyboard(page, q, wrong_answer(q))
    expect_retry(page, q, wrong_answer(q))
    assert form_state(page, q)["focused"] == "retry", "after a wrong try, focus should move to Try again"
    page.keyboard.press("Enter")  # Try again
    focused = expect_open(page, q)["focused"]
    radio = q.type in (QuestionType.SINGLE, QuestionType.TRUEFALSE)
    assert focused == ("checked-control" if radio else "first-control"), f"focus went to {focused}"

    choose_by_keyboard(page, q, right_answer(q))
    press_button(page, q, ".ec-check")
    expect_revealed(page, q, correct=True)
    assert form_state(page, q)["focused"] == "answer", "once revealed, focus should move to the answer"
    assert same_answer(chosen(page, q), right_answer(q))
    page.keyboard.press("Tab")  # on from the answer: its link to the evidence section, or Try again
    assert page.evaluate("() => document.activeElement.closest('.ec-after, .ec-actions') !== null")
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
    q, other = qp.quiz.questions[0], qp.quiz.questions[1]
    total = len(qp.quiz.questions)
    page = show(fresh_tab, qp.page)
    listen_for_events(page)
    assert score(page, qp) == (0, 0)
    order = {question.id: shown_order(page, question) for question in qp.quiz.questions}
    seed = page.evaluate("() => localStorage.getItem('evidence-course:v1:seed')")
    assert seed, "quiz.js keeps a seed for this learner"
    for question in qp.quiz.questions:  # the same seed gives the same order in Python and JS
        ids = [o.id for o in question.options or []] or [i.id for i in question.items or []]
        assert order[question.id] == display_order(question.type.value, ids, seed, question.id)

    answer_by_mouse(page, q, right_answer(q))
    expect_revealed(page, q, correct=True)
    answer_by_mouse(page, other, wrong_answer(other))
    expect_retry(page, other, wrong_answer(other))
    assert score(page, qp) == (2, 1)
    assert recorded_events(page) == [
        {"type": "evidence-course:answered", "bubbles": True,
         "detail": {"quiz": qp.quiz.id, "question": q.id, "first": True, "correct": True}},
        {"type": "evidence-course:answered", "bubbles": True,
         "detail": {"quiz": qp.quiz.id, "question": other.id, "first": False, "correct": False}},
    ]

    page.reload()
    expect_revealed(page, q, correct=True)  # the answer is shown again, graded
    expect_retry(page, other, wrong_answer(other))  # still a second try to come, answer hidden
    assert chosen(page, q) == right_answer(q) or same_answer(chosen(page, q), right_answer(q))
    assert score(page, qp) == (2, 1)
    assert {question.id: shown_order(page, question) for question in qp.quiz.questions} == order

    page = fresh_tab.visit(PROGRESS_PAGE)
    listen_for_events(page)
    expect(page.locator(".ec-progress")).to_have_count(1)
    assert progress_status(page, qp.quiz.id) == f"2 of {total} answered, 1 correct first time."
    for later in QUIZZES[1:]:
        assert progress_status(page, later.quiz.id) == "Not started."
    violations = fresh_tab.audit("progress page with progress")

    page.get_by_role("button", name="Reset my progress").click()
    expect(page.locator(".ec-reset-done")).to_have_text("Your progress has been cleared.")
    cleared = {"type": "evidence-course:progress-cleared", "bubbles": True, "detail": None}
    assert recorded_events(page) == [cleared]
    assert progress_status(page, qp.quiz.id) == "Not started."
    page.reload()
    assert progress_status(page, qp.quiz.id) == "Not started."

    page = fresh_tab.visit(qp.page)
    expect_open(page, q)
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
    expect_retry(page, q, wrong_answer(q))
    form_of(page, q).get_by_role("button", name="Try again").click()
    answer_by_mouse(page, q, right_answer(q))
    expect_revealed(page, q, correct=True)
    assert score(page, qp) == (1, 0)

    page.locator(".theme-toggle:visible").first.click()  # the theme copes with blocked storage too
    page = fresh_tab.visit(PROGRESS_PAGE)
    expect(page.locator(".ec-progress-note")).to_be_visible()
    assert not fresh_tab.events.problems(), "\n".join(fresh_tab.events.problems())
