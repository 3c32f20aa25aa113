"""Drive the static quizzes (``templates/quiz.html.j2`` + ``quiz.js``) as a learner would.

Right and wrong answers come from the quiz bank in Python (:func:`evidence_course.bank.load_bank`),
never from the data the page carries, so a wrong key in the page's JSON is caught.
Answers use the grading format of docs/CONVENTIONS.md: an option id, a list of option ids, or
``{item id: category id}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_under_test import COURSE
from playwright.sync_api import Locator, Page

from evidence_course.model.bank import Question, QuestionType, Quiz

QUIZ_SECTION = re.compile(r'<section\b[^>]*\bdata-quiz="([^"]+)"')
STORAGE_PREFIX = "evidence-course:v1:"


@dataclass(frozen=True)
class QuizOnPage:
    quiz: Quiz
    page: str  # relative to the site root, e.g. "book/what-works.html"


def quizzes_in_book(html: Path, bank: dict[str, Quiz]) -> tuple[list[QuizOnPage], list[str]]:
    """Every quiz embedded in a built page (by its markup), and the ids found there but not in the bank."""
    found, unknown = [], []
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html).as_posix()
        if rel.startswith(("_sources/", "_static/")):
            continue
        for quiz_id in QUIZ_SECTION.findall(page.read_text(encoding="utf-8")):
            if quiz_id in bank:
                found.append(QuizOnPage(bank[quiz_id], rel))
            else:
                unknown.append(f"{rel}: {quiz_id}")
    return found, unknown


def bank() -> dict[str, Quiz]:
    return COURSE.bank(check_sections=False)


def right_answer(q: Question) -> Any:
    if q.type is QuestionType.CATEGORISE:
        return {item.id: item.category for item in q.items or []}
    return list(q.keys) if q.type is QuestionType.MULTIPLE else q.keys[0]


def wrong_answer(q: Question) -> Any:
    """A clearly wrong answer: a non-key option, or every item in a group it does not belong to."""
    if q.type is QuestionType.CATEGORISE:
        ids = [c.id for c in q.categories or []]
        return {item.id: ids[(ids.index(item.category) + 1) % len(ids)] for item in q.items or []}
    wrong = [o.id for o in q.options or [] if o.id not in q.keys]
    return [wrong[0]] if q.type is QuestionType.MULTIPLE else wrong[0]


def control_id(q: Question, sub_id: str) -> str:
    return f"q-{q.id}--{sub_id}"


def form_of(page: Page, q: Question) -> Locator:
    return page.locator(f'form[data-qid="{q.id}"]')


def set_by_mouse(page: Page, q: Question, answer: Any) -> None:
    """Make the form hold ``answer`` by clicking labels (only those whose state must change) or picking
    each item's group, as a learner changing a kept answer after "Try again" would."""
    form = form_of(page, q)
    if q.type is QuestionType.CATEGORISE:
        for item_id, category in answer.items():
            form.locator(f"#{control_id(q, item_id)}").select_option(category)
        return
    wanted = {answer} if isinstance(answer, str) else set(answer)
    for option in q.options or []:
        box = form.locator(f"#{control_id(q, option.id)}")
        if (option.id in wanted) != box.is_checked():
            form.locator(f'label[for="{control_id(q, option.id)}"]').click()


def answer_by_mouse(page: Page, q: Question, answer: Any) -> None:
    """Set the answer by mouse, then click "Check answer"."""
    set_by_mouse(page, q, answer)
    form_of(page, q).get_by_role("button", name="Check answer").click()


def _focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.id || "
                         "document.activeElement.className || document.activeElement.tagName) : ''")


def tab_to(page: Page, target_id: str, *, limit: int = 12) -> None:
    """Press Tab until the element with ``target_id`` has focus (fails if it takes more than ``limit``)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(_focused_id(page))
        if seen[-1] == target_id:
            return
    raise AssertionError(f"Tab never reached #{target_id}; focus went to: {seen}")


def focus_question(page: Page, q: Question) -> None:
    """Put the keyboard at the start of the question (as a screen reader's form navigation does)."""
    page.evaluate("""(id) => { const f = document.querySelector(`form[data-qid="${id}"]`);
                    f.tabIndex = -1; f.focus({preventScroll: false}); }""", q.id)


def shown_order(page: Page, q: Question) -> list[str]:
    """Option (or item) ids in the order the page shows them (quiz.js shuffles them per learner)."""
    return form_of(page, q).locator(".ec-row").evaluate_all("rows => rows.map(r => r.dataset.id)")


def choose_by_keyboard(page: Page, q: Question, answer: Any) -> None:
    """With the focus at the question's first control (or before it), choose ``answer`` with Tab, arrows
    and Space only, in the order the page shows (the state of a control is read, never set)."""
    order = shown_order(page, q)
    if q.type is QuestionType.CATEGORISE:
        for item_id in order:
            select = form_of(page, q).locator(f"#{control_id(q, item_id)}")
            if _focused_id(page) != control_id(q, item_id):
                tab_to(page, control_id(q, item_id))
            now = select.evaluate("s => s.selectedIndex")
            target = 1 + [c.id for c in q.categories or []].index(answer[item_id])  # 0: "Choose a group"
            for _ in range(abs(target - now)):
                page.keyboard.press("ArrowDown" if target > now else "ArrowUp")
    elif q.type is QuestionType.MULTIPLE:
        for option_id in order:
            box = form_of(page, q).locator(f"#{control_id(q, option_id)}")
            if _focused_id(page) != control_id(q, option_id):
                tab_to(page, control_id(q, option_id))
            if (option_id in answer) != box.is_checked():
                page.keyboard.press("Space")
    else:  # a radio group is one Tab stop (the checked radio, or the first); arrows move the choice
        checked = chosen(page, q)
        start = checked or order[0]
        if _focused_id(page) != control_id(q, start):
            tab_to(page, control_id(q, start))
        if checked is None:
            page.keyboard.press("Space")
        for _ in range((order.index(answer) - order.index(start)) % len(order)):
            page.keyboard.press("ArrowDown")


def answer_by_keyboard(page: Page, q: Question, answer: Any) -> None:
    """Tab into the question, choose with arrows/Space, Tab to "Check answer" and press Enter."""
    focus_question(page, q)
    choose_by_keyboard(page, q, answer)
    form_of(page, q).evaluate("f => f.removeAttribute('tabindex')")
    press_button(page, q, ".ec-check")


def press_button(page: Page, q: Question, selector: str) -> None:
    """Tab (from where the focus is) to the question's button ``selector`` and press Enter."""
    button = form_of(page, q).locator(selector)
    button_id = button.evaluate("b => b.id || (b.id = 'kbd-' + Math.random().toString(36).slice(2))")
    if _focused_id(page) != button_id:
        tab_to(page, button_id)
    page.keyboard.press("Enter")


def chosen(page: Page, q: Question) -> Any:
    """What the form currently holds, in the grading format."""
    return form_of(page, q).evaluate(
        """(f, type) => {
            if (type === 'categorise') {
                const a = {};
                f.querySelectorAll('select').forEach(s => { if (s.value) a[s.name] = s.value; });
                return a;
            }
            const ids = [...f.querySelectorAll('input:checked')].map(i => i.value);
            return type === 'multiple' ? ids : (ids[0] || null);
        }""",
        q.type.value,
    )


SCORE = re.compile(r"(\d+) of (\d+) answered, (\d+) correct first time|Completed: (\d+) of (\d+) correct")


def parse_score(text: str) -> tuple[int, int]:
    """(answered, right first time) from a score line such as "3 of 9 answered, 2 correct first time."."""
    if "Not started" in text:
        return 0, 0
    match = SCORE.search(text)
    assert match, f"unexpected score text: {text!r}"
    if match.group(1):
        return int(match.group(1)), int(match.group(3))
    return int(match.group(5)), int(match.group(4))


def unordered(answer: Any) -> Any:
    """A "select all" answer (a list) in one order: which options were chosen, not the click order."""
    return sorted(answer) if isinstance(answer, list) else answer


def same_answer(a: Any, b: Any) -> bool:
    return unordered(a) == unordered(b)


def stored(page: Page, quiz_id: str) -> dict:
    return page.evaluate("(k) => { try { return JSON.parse(localStorage.getItem(k)) || {}; } "
                         "catch (e) { return {}; } }", STORAGE_PREFIX + quiz_id)


def form_state(page: Page, q: Question) -> dict:
    """The question's visible state in one round trip (quiz.js updates the DOM synchronously)."""
    return form_of(page, q).evaluate(
        """(f) => {
            const shown = (el) => !!el && !el.hidden && !!(el.offsetWidth || el.offsetHeight
                                                          || el.getClientRects().length);
            const live = f.querySelector('[role="status"]');
            const controls = [...f.querySelectorAll('input, select')];
            const active = document.activeElement;
            return {
                live: live ? live.textContent.trim() : null,
                ariaLive: live ? live.getAttribute('aria-live') : null,
                disabled: controls.every(c => c.matches(':disabled')),
                enabled: controls.every(c => c.matches(':enabled')),
                check: shown(f.querySelector('.ec-check')),
                retry: shown(f.querySelector('.ec-retry')),
                show: shown(f.querySelector('.ec-show')),
                explanation: shown(f.querySelector('.ec-after')),
                feedback: [...f.querySelectorAll('.ec-fb')].filter(shown).map(p => p.textContent.trim()),
                marked: Object.fromEntries([...f.querySelectorAll('.ec-row')]
                    .filter(r => shown(r.querySelector('.ec-fb')))
                    .map(r => [r.dataset.id, [...r.classList].find(c => /^ec-(right|wrong|missed)$/.test(c))
                                             || null])),
                describedBy: controls.filter(c => c.hasAttribute('aria-describedby')).length,
                focused: active && f.contains(active)
                    ? (active.classList.contains('ec-retry') ? 'retry'
                       : active.classList.contains('ec-check') ? 'check'
                       : active.classList.contains('ec-show') ? 'show'
                       : active.classList.contains('ec-after') ? 'answer'
                       : active === controls.find(c => c.type === 'radio' && c.checked) ? 'checked-control'
                       : active === controls[0] ? 'first-control' : active.id) : null,
            };
        }""")


def answer_all_at_once(page: Page, answers: dict[str, Any]) -> dict[str, str]:
    """Fill in and submit every form in one round trip (for audits of the answered state; learners'
    own clicks and keys are covered question by question). Returns each question's live-region text."""
    return page.evaluate(
        """(answers) => {
            const out = {};
            for (const [qid, answer] of Object.entries(answers)) {
                const f = document.querySelector(`form[data-qid="${qid}"]`);
                if (answer !== null && typeof answer === 'object' && !Array.isArray(answer)) {
                    for (const [item, cat] of Object.entries(answer)) {
                        f.querySelector(`select[name="${item}"]`).value = cat;
                    }
                } else {
                    const ids = Array.isArray(answer) ? answer : [answer];
                    f.querySelectorAll('input').forEach(i => { i.checked = ids.includes(i.value); });
                }
                f.requestSubmit();
                out[qid] = f.querySelector('[role="status"]').textContent.trim();
            }
            return out;
        }""",
        answers,
    )


def forget_quiz(page: Page, quiz_id: str) -> None:
    """Remove the quiz's stored progress and reload, so every question starts afresh."""
    page.evaluate("(k) => localStorage.removeItem(k)", STORAGE_PREFIX + quiz_id)
    page.reload(wait_until="load")


def set_theme(page: Page, mode: str) -> None:
    """Show the page in pydata-sphinx-theme's ``light`` or ``dark`` mode (what its switch sets)."""
    page.evaluate("(mode) => { document.documentElement.dataset.theme = mode; "
                  "document.documentElement.dataset.mode = mode; }", mode)


def listen_for_events(page: Page) -> None:
    """Record the course's ``evidence-course:*`` events into ``window.__courseEvents``."""
    page.evaluate("""() => { window.__courseEvents = [];
        for (const name of ['answered', 'progress-cleared']) {
            document.addEventListener(`evidence-course:${name}`,
                (e) => window.__courseEvents.push(
                    {type: e.type, detail: e.detail ?? null, bubbles: e.bubbles}));
        } }""")


def recorded_events(page: Page) -> list[dict]:
    return page.evaluate("() => window.__courseEvents || []")
