"""The SCORM package in Chromium, launched by a real SCORM runtime (scorm-again) from its manifest.

A test platform (``lmsharness``) serves the unzipped package, offers scorm-again's API to it and keeps
what each commit stores. The tests answer quizzes in the book inside the package, as a learner does, and
check what the platform receives: status, score, suspend data and location, a commit per answer, the
progress coming back at the next launch (in a fresh browser), a refused commit shown to the learner,
SCORM 2004, and the same files without any platform. Right answers come from the bank, not the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bookbrowser import AXE_TAGS, NARROW, Events, html_dir, open_context
from course_under_test import BUILD_DIR, COURSE
from lmsharness import SCORM_AGAIN, Store, serve_platform, unzip
from playwright.sync_api import Browser, BrowserContext, Frame, Page
from quizdriver import (
    answer_all_at_once,
    answer_by_mouse,
    form_state,
    quizzes_in_book,
    right_answer,
    stored,
    unordered,
    wrong_answer,
)

from evidence_course.model.bank import Question, QuestionType, Quiz
from evidence_course.model.lms import lms_settings
from evidence_course.render.scorm import write_scorm_packages
from evidence_course.render.scorm.package import MAX_SEED
from evidence_course.site.build import root_page
from evidence_course.site.serve import serving

BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('The operation is insecure.', 'SecurityError'); }});
"""


# ------------------------------------------------------------------------------------------ setup
@dataclass(frozen=True)
class Built:
    folders: dict[str, Path]  # SCORM version -> the unzipped package
    worst_suspend: int
    bank: dict[str, Quiz]
    pages: dict[str, str]  # quiz id -> its page in the book


@pytest.fixture(scope="session")
def built(book_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    if not (SCORM_AGAIN / "scorm12.js").exists():
        pytest.fail(f"scorm-again is missing ({SCORM_AGAIN}): run `npm ci` (or scripts/install-test-deps.sh)")
    out = tmp_path_factory.mktemp("scorm")
    packages = write_scorm_packages(COURSE, BUILD_DIR, out)
    folders = {p.scorm: unzip(p.path, out / f"unzipped-{p.scorm}") for p in packages}
    bank = COURSE.bank(check_sections=False)
    on_pages, _ = quizzes_in_book(html_dir(), bank)
    return Built(folders, packages[0].worst_suspend, bank, {qp.quiz.id: qp.page for qp in on_pages})


@dataclass
class Launched:
    """The platform's page with the package running in it."""

    page: Page
    context: BrowserContext
    events: Events
    store: Store
    base: str
    version: str

    def value(self, element: str) -> str:
        call = "API_1484_11.GetValue" if self.version == "2004" else "API.LMSGetValue"
        return self.page.evaluate(f"(e) => String({call}(e))", element)

    def book(self) -> Frame:
        """The book's frame inside the launch page."""
        for frame in self.page.frames:
            if frame.parent_frame is not None and frame.parent_frame.url.endswith("/launch.html"):
                return frame
        raise AssertionError(f"no book frame in {[f.url for f in self.page.frames]}")

    def launch_frame(self) -> Frame:
        return next(f for f in self.page.frames if f.url.endswith("/package/launch.html"))

    def open(self, path: str) -> Frame:
        """Go to a page of the book inside the package, as a learner following a link does."""
        frame = self.book()
        frame.goto(f"{self.base}/package/{path}", wait_until="load")
        location = "cmi.location" if self.version == "2004" else "cmi.core.lesson_location"
        self.page.wait_for_function(
            "([e, p, v]) => (v === '2004' ? API_1484_11.GetValue(e) : API.LMSGetValue(e)) === p",
            arg=[location, path, self.version])
        return self.book()

    def leave(self) -> None:
        """The learner leaves the activity: the platform unloads the package (its pagehide finishes).

        Returns once the runtime is terminated and the platform has received the commit that carries the
        exit (launch.js's on finish, or in review the runtime's own on termination), or after a few
        seconds: scorm-again sends commits with fetch and the termination one with
        ``navigator.sendBeacon``, which may arrive after ``isTerminated()`` is already true."""
        before = len(self.store.commits)
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        check = "API_1484_11.isTerminated()" if self.version == "2004" else "API.isTerminated()"
        self.page.wait_for_function(check)
        for _ in range(100):
            if len(self.store.commits) > before:
                return
            self.page.wait_for_timeout(50)

    def alert(self) -> str:
        return (self.launch_frame().locator("#ec-lms-alert").text_content() or "").strip()


def unordered_answers(progress: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Progress with each "select all" answer in one order: the suspend data keeps which options were
    chosen, not the order they were clicked in (the same answer either way)."""
    return {qid: {k: unordered(v) if k == "answer" else v for k, v in e.items()}
            for qid, e in progress.items()}


@pytest.fixture()
def platform(built: Built) -> Iterator[tuple[str, Store]]:
    with serve_platform(built.folders["1.2"]) as served:
        yield served


def launch(browser: Browser, base: str, store: Store, version: str = "1.2",
           init_script: str | None = None, mode: str = "") -> Launched:
    events = Events()
    context = open_context(browser, events)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(f"{base}/harness/harness.html?version={version}&mode={mode}", wait_until="load")
    page.wait_for_function("window.harness && (window.harness.ready || window.harness.error)")
    assert page.evaluate("window.harness.error || null") is None
    page.wait_for_function("""() => {
        const launch = document.getElementById('sco').contentDocument;
        const book = launch && launch.getElementById('ec-lms-book');
        return !!book && !!book.contentDocument && book.contentDocument.readyState === 'complete'
            && book.contentWindow.location.href.includes('/package/book/');
    }""")
    return Launched(page, context, events, store, base, version)


@pytest.fixture()
def lms(browser: Browser, platform: tuple[str, Store]) -> Iterator[Launched]:
    base, store = platform
    launched = launch(browser, base, store)
    yield launched
    launched.context.close()


def longest_answer(q: Question) -> Any:
    """The answer that takes the most room in the suspend data: every option, every item placed."""
    if q.type is QuestionType.MULTIPLE:
        return [o.id for o in q.options or []]
    return right_answer(q)


def answer_quiz(lms: Launched, built: Built, quiz_id: str, answers: dict[str, Any]) -> Frame:
    frame = lms.open(built.pages[quiz_id])
    answer_all_at_once(frame, answers)
    return frame


# ------------------------------------------------------------------------------------------ tests
def test_launch_initialises_and_marks_the_course_incomplete(lms: Launched, built: Built) -> None:
    start = root_page(COURSE)
    assert lms.value("cmi.core.lesson_status") == "incomplete"
    assert lms.value("cmi.core.lesson_location") == start
    assert lms.value("cmi.suspend_data") == "E1;;", "no progress yet (no seed: no quiz shown yet)"
    assert lms.store.kept["cmi.core.lesson_status"] == "incomplete", "the first page view is committed"
    status = lms.launch_frame().locator("#ec-lms-status").text_content()
    assert "Connected to your learning platform" in status
    assert not lms.events.problems()


def test_every_answer_is_committed(lms: Launched, built: Built) -> None:
    quiz = built.bank[next(q for q in built.bank if q != "final-assessment")]
    frame = lms.open(built.pages[quiz.id])
    for q in quiz.questions[:3]:
        before = len(lms.store.commits)
        answer_by_mouse(frame, q, wrong_answer(q))
        assert len(lms.store.commits) == before + 1, f"{q.id}: one commit per answer"
        assert q.content_hash[:6] in lms.store.kept["cmi.suspend_data"]
    assert lms.value("cmi.core.lesson_status") == "incomplete", "chapter quizzes do not complete the course"
    assert lms.value("cmi.core.score.raw") == ""
    assert not lms.events.problems()


def percent(right: int, total: int) -> int:
    """The score launch.js reports: whole percent, halves rounded up (JavaScript's Math.round)."""
    return math.floor(100 * right / total + 0.5)


@pytest.mark.parametrize("edge", ["just-passed", "just-failed"])
def test_final_assessment_reports_the_first_try_score(lms: Launched, built: Built, edge: str) -> None:
    settings = lms_settings(COURSE)
    quiz = built.bank[settings.assessment]
    total = len(quiz.questions)
    most_wrong_passing = max(w for w in range(total + 1) if percent(total - w, total) >= settings.pass_mark)
    wrong = most_wrong_passing + (edge == "just-failed")
    answers = {q.id: (wrong_answer(q) if i < wrong else right_answer(q))
               for i, q in enumerate(quiz.questions)}
    frame = lms.open(built.pages[quiz.id])
    answer_all_at_once(frame, dict(list(answers.items())[:-1]))
    assert lms.value("cmi.core.lesson_status") == "incomplete", "unfinished until every question is answered"
    assert lms.value("cmi.core.score.raw") == ""
    answer_all_at_once(frame, dict(list(answers.items())[-1:]))
    # a second, right try does not change a first-try score
    answer_all_at_once(frame, {q.id: right_answer(q) for q in quiz.questions[:wrong]})
    raw = percent(total - wrong, total)
    passed = edge == "just-passed"
    assert lms.value("cmi.core.score.raw") == str(raw)
    assert (lms.value("cmi.core.score.min"), lms.value("cmi.core.score.max")) == ("0", "100")
    assert lms.value("cmi.core.lesson_status") == ("passed" if passed else "failed")
    status = "passed" if passed else "failed"
    kept = lms.store.kept
    assert (kept["cmi.core.score.raw"], kept["cmi.core.lesson_status"]) == (str(raw), status)
    lms.leave()
    final = lms.store.last()
    assert final["cmi.core.lesson_status"] == status, "the runtime agrees when the package finishes"
    assert final["cmi.core.exit"] == ""
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d+)?", final["cmi.core.session_time"])
    assert not lms.events.problems()


def test_progress_comes_back_at_the_next_launch(browser: Browser, lms: Launched, built: Built) -> None:
    assessment = lms_settings(COURSE).assessment
    chapter = next(q for q in built.bank.values()
                   if q.id != assessment and any(x.type is QuestionType.CATEGORISE for x in q.questions))
    picked = chapter.questions
    answers = {q.id: (right_answer(q) if i % 2 else wrong_answer(q)) for i, q in enumerate(picked)}
    frame = answer_quiz(lms, built, chapter.id, answers)
    before = stored(frame, chapter.id)
    seed = frame.evaluate("() => localStorage.getItem('evidence-course:v1:seed')")
    score_line = frame.locator(f"#quiz-{chapter.id} .ec-quiz-score").text_content()
    lms.open("book/glossary.html")
    lms.leave()
    assert lms.store.last()["cmi.core.exit"] == "suspend", "unfinished: the learner will resume"
    left_in_browser = lms.page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('evidence-course:v1:'))")
    assert not any(k.endswith(chapter.id) for k in left_in_browser), "saved by the platform, gone from here"
    left = lms.store.relaunch_state()
    lms.context.close()

    again = launch(browser, lms.base, lms.store)  # a fresh browser: nothing in its storage
    try:
        assert again.value("cmi.core.entry") == "resume"
        assert again.value("cmi.suspend_data") == left["cmi.suspend_data"]
        assert again.book().url.endswith("/package/book/glossary.html"), "resumes where the learner left"
        frame = again.open(built.pages[chapter.id])
        after = stored(frame, chapter.id)
        assert unordered_answers(before) == unordered_answers(after), "every field of every entry comes back"
        assert again.book().evaluate("() => localStorage.getItem('evidence-course:v1:seed')") == seed
        assert frame.locator(f"#quiz-{chapter.id} .ec-quiz-score").text_content() == score_line
        for q in picked:
            state = form_state(frame, q)
            assert state["retry"] and state["disabled"], f"{q.id}: the restored answer is shown as checked"
        assert not again.events.problems()
    finally:
        again.context.close()


def test_review_shows_the_answers_and_records_nothing(browser: Browser, lms: Launched, built: Built) -> None:
    quiz = built.bank[next(iter(built.bank))]
    first, second = quiz.questions[:2]
    answer_quiz(lms, built, quiz.id, {first.id: right_answer(first)})
    lms.leave()
    kept = dict(lms.store.kept)
    lms.context.close()
    review = launch(browser, lms.base, lms.store, mode="review")
    try:
        assert "Review" in review.launch_frame().locator("#ec-lms-status").text_content()
        frame = review.book()
        assert frame.url.endswith(built.pages[quiz.id]), "opens where the attempt was left"
        assert form_state(frame, first)["retry"], "the saved answer is shown"
        commits = len(review.store.commits)
        answer_by_mouse(frame, second, right_answer(second))
        review.leave()
        assert len(review.store.commits) == commits + 1, "only the runtime's own commit on finish"
        assert review.store.kept["cmi.suspend_data"] == kept["cmi.suspend_data"]
        assert review.store.kept["cmi.core.lesson_status"] == kept["cmi.core.lesson_status"]
        assert not review.events.problems()
    finally:
        review.context.close()


def test_largest_progress_fits_in_scorm_12(browser: Browser, lms: Launched, built: Built) -> None:
    """Every question of every quiz answered, multiple-choice with every option: the longest suspend data."""
    for quiz in built.bank.values():
        answer_quiz(lms, built, quiz.id, {q.id: longest_answer(q) for q in quiz.questions})
    data = lms.value("cmi.suspend_data")
    seed = data.split(";")[1]
    assert 0 < len(seed) <= MAX_SEED
    assert len(data) - len(seed) == built.worst_suspend - MAX_SEED, "each entry as long as it can be"
    assert len(data) <= built.worst_suspend <= 4096
    assert data.count(".") + 1 == sum(len(q.questions) for q in built.bank.values())
    lms.leave()
    lms.context.close()
    again = launch(browser, lms.base, lms.store)
    try:
        frame = again.book()
        for quiz in built.bank.values():
            saved = stored(frame, quiz.id)
            assert {qid: e["answer"] for qid, e in saved.items()} == {
                q.id: longest_answer(q) for q in quiz.questions}, quiz.id
    finally:
        again.context.close()


def test_a_refused_commit_is_shown_and_the_answers_stay(lms: Launched, built: Built, axe_js: Path) -> None:
    quiz = built.bank[next(iter(built.bank))]
    q = quiz.questions[0]
    frame = lms.open(built.pages[quiz.id])
    lms.store.fail_commits = True
    answer_by_mouse(frame, q, right_answer(q))
    alert = lms.alert()
    assert "did not save your latest progress" in alert and "101" in alert
    assert "still here in this browser" in alert
    retry = lms.launch_frame().get_by_role("button", name="Try saving again")
    assert retry.is_visible()
    assert form_state(frame, q)["retry"], "the answer and its feedback stay on the page"
    assert stored(frame, quiz.id)[q.id]["first"] is True
    assert q.content_hash[:6] not in lms.store.kept.get("cmi.suspend_data", "")
    violations = audit(lms.launch_frame(), axe_js)
    assert not violations, "\n".join(violations)
    lms.store.fail_commits = False
    retry.click()
    assert lms.alert() == ""
    assert not retry.is_visible()
    assert q.content_hash[:6] in lms.store.kept["cmi.suspend_data"]
    assert "Saved to your learning platform" in lms.launch_frame().locator("#ec-lms-status").text_content()
    assert not lms.events.problems()


def test_reset_clears_the_platform_copy(lms: Launched, built: Built) -> None:
    quiz = built.bank[next(iter(built.bank))]
    answer_quiz(lms, built, quiz.id, {q.id: right_answer(q) for q in quiz.questions[:2]})
    assert lms.store.kept["cmi.suspend_data"] != "E1;;"
    frame = lms.open("book/progress.html")
    frame.page.once("dialog", lambda dialog: dialog.accept())
    frame.get_by_role("button", name="Reset my progress").click()
    frame.get_by_text("Your progress has been cleared.").wait_for()
    assert lms.store.kept["cmi.suspend_data"] == "E1;;", "no answers left (and reset removed the seed)"
    assert not lms.events.problems()


def test_without_storage_the_score_still_reaches_the_platform(browser: Browser, platform: tuple[str, Store],
                                                             built: Built) -> None:
    base, store = platform
    blocked = launch(browser, base, store, init_script=BLOCK_STORAGE)
    try:
        quiz = built.bank[lms_settings(COURSE).assessment]
        answer_quiz(blocked, built, quiz.id, {q.id: right_answer(q) for q in quiz.questions})
        assert blocked.value("cmi.core.score.raw") == "100"
        assert blocked.value("cmi.core.lesson_status") == "passed"
        assert not blocked.events.problems()
    finally:
        blocked.context.close()


def test_outside_links_open_in_a_new_tab(lms: Launched) -> None:
    frame = lms.open("book/source.html")
    target = frame.evaluate("""() => {
        const a = [...document.querySelectorAll('a[href^="http"]')].find(x => x.origin !== location.origin);
        a.addEventListener('click', (ev) => ev.preventDefault());
        a.click();
        return a.target;
    }""")
    assert target == "_blank"
    assert not lms.events.problems()


def test_scorm_2004(browser: Browser, built: Built) -> None:
    with serve_platform(built.folders["2004"]) as (base, store):
        lms = launch(browser, base, store, version="2004")
        try:
            assert lms.value("cmi.completion_status") == "incomplete"
            assert lms.value("cmi.scaled_passing_score") == "0.8"
            quiz = built.bank[lms_settings(COURSE).assessment]
            answer_quiz(lms, built, quiz.id, {q.id: right_answer(q) for q in quiz.questions})
            assert [lms.value(f"cmi.{e}") for e in ("completion_status", "success_status", "score.raw",
                                                    "score.scaled")] == ["completed", "passed", "100", "1"]
            assert lms.value("cmi.location") == built.pages[quiz.id]
            lms.leave()
            assert store.last()["cmi.exit"] == "normal"
            assert not lms.events.problems()
        finally:
            lms.context.close()


# ------------------------------------------------------------------------------- without a platform
def audit(frame: Frame, axe_js: Path) -> list[str]:
    """axe-core (WCAG 2.2 AA) on the launch page, its frame element included; the book inside the frame
    is audited page by page in test_pages.py."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(axe_js))
    found = frame.evaluate("""async (tags) => {
        const context = {include: [document], exclude: [['#ec-lms-book', 'html']]};
        const r = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(
            v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(' '))}`);
    }""", AXE_TAGS)
    return list(found)


def test_without_a_platform_the_package_is_the_plain_book(browser: Browser, built: Built,
                                                            axe_js: Path) -> None:
    events = Events()
    context = open_context(browser, events)
    try:
        with serving(built.folders["1.2"]) as url:
            page = context.new_page()
            page.goto(url + "launch.html", wait_until="load")
            page.wait_for_function("() => { const f = document.getElementById('ec-lms-book');"
                                   " return f.contentDocument && f.contentDocument.readyState === 'complete'"
                                   " && f.contentWindow.location.href.includes('/book/'); }")
            assert "Not connected to a learning platform" in page.locator("#ec-lms-status").text_content()
            assert page.locator("#ec-lms-alert").text_content() == ""
            violations = audit(page.main_frame, axe_js)
            assert not violations, "\n".join(violations)
            page.set_viewport_size(NARROW)
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
            bank = built.bank
            quiz = next(iter(bank.values()))
            book = next(f for f in page.frames if f.parent_frame is page.main_frame)
            book.goto(url + built.pages[quiz.id], wait_until="load")
            q = quiz.questions[0]
            answer_by_mouse(book, q, right_answer(q))
            assert stored(book, quiz.id)[q.id]["first"] is True, "progress is kept in the browser as usual"
            assert all(u.startswith(url) for u in events.requests), "nothing is asked of another host"
            assert not events.problems()
    finally:
        context.close()
