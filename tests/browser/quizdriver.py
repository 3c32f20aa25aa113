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


def answer_by_mouse(page: Page, q: Question, answer: Any) -> None:
    """Click the labels of the chosen options (or pick each item's group), then "Check answer"."""
    form = form_of(page, q)
    if q.type is QuestionType.CATEGORISE:
        for item_id, category in answer.items():
            form.locator(f"#{control_id(q, item_id)}").select_option(category)
    else:
        for option_id in [answer] if isinstance(answer, str) else answer:
            form.locator(f'label[for="{control_id(q, option_id)}"]').click()
    form.get_by_role("button", name="Check answer").click()


def _focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.id || "
                         "document.activeElement.className || document.activeElement.tagName) : ''")


def tab_to(page: Page, target_id: str, *, limit: int = 6) -> None:
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


def answer_by_keyboard(page: Page, q: Question, answer: Any) -> None:
    """Tab into the question, choose with arrows/Space, Tab to "Check answer" and press Enter."""
    focus_question(page, q)
    if q.type is QuestionType.CATEGORISE:
        ids = [c.id for c in q.categories or []]
        for item in q.items or []:
            tab_to(page, control_id(q, item.id))
            for _ in range(ids.index(answer[item.id]) + 1):  # option 0 is "Choose a group"
                page.keyboard.press("ArrowDown")
    elif q.type is QuestionType.MULTIPLE:
        for option in q.options or []:
            tab_to(page, control_id(q, option.id))
            if option.id in answer:
                page.keyboard.press("Space")
    else:  # a radio group is one Tab stop; arrows move the choice
        ids = [o.id for o in q.options or []]
        tab_to(page, control_id(q, ids[0]))
        index = ids.index(answer)
        if index == 0:
            page.keyboard.press("Space")
        for _ in range(index):
            page.keyboard.press("ArrowDown")
    form_of(page, q).evaluate("f => f.removeAttribute('tabindex')")
    check = form_of(page, q).locator(".ec-check")
    check_id = check.evaluate("b => b.id || (b.id = 'kbd-check-' + Math.random().toString(36).slice(2))")
    tab_to(page, check_id)
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
                explanation: shown(f.querySelector('.ec-after')),
                feedback: [...f.querySelectorAll('.ec-fb')].filter(shown).map(p => p.textContent.trim()),
                focused: active && f.contains(active)
                    ? (active.classList.contains('ec-retry') ? 'retry'
                       : active.classList.contains('ec-check') ? 'check'
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
                const retry = f.querySelector('.ec-retry');
                if (retry && !retry.hidden) retry.click();
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
