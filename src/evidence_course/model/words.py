"""Every sentence and label the quizzes show, in one place, for both runtimes.

Python (grading, the static quiz's HTML, the live widgets) reads :data:`WORDS` directly; the static
book's ``quiz.js`` gets the same dict through the page (``<script class="ec-words">``, written by
``render/quiz_html.py``), so the two runtimes share the words and only the arithmetic that picks and
fills a sentence needs a parity test (``tests/test_parity.py``).

Placeholders: ``{name}`` is replaced by a value; ``{name:one|many}`` by ``one`` when the value is 1
and ``many`` otherwise (the number itself is written with ``{name}``). :func:`fill` does it here and
``fill`` in ``quiz.js`` does it in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

#: Sentences the grading rule chooses between (see :func:`evidence_course.model.grading.summary`).
MESSAGES: Final[dict[str, str]] = {
    "prompt-choice": "Choose an answer, then check it.",
    "prompt-categorise": "Choose a group for each item, then check your answer.",
    "correct": "Correct.",
    "correct-multiple": "Correct. You found all {total} {total:right answer|right answers}.",
    "correct-categorise": "Correct. All {total} {total:item is|items are} in the right group.",
    "wrong": "Not quite.",
    "wrong-multiple": "Not quite. You found {found} of {total} {total:right answer|right answers}.",
    "wrong-multiple-misfits": "Not quite. You found {found} of {total} {total:right answer|right answers} "
                              "and chose {wrong} {wrong:option that does not fit|options that do not fit}.",
    "wrong-categorise": "Not quite. You placed {found} of {total} {total:item|items} in the right group.",
    # After a wrong first try the answer stays hidden: these say nothing about the options not chosen.
    "retry": "Not quite. Try again, or show the answer.",
    "retry-multiple-misfits": "Not quite: {wrong} {wrong:choice does|choices do} not fit. "
                              "Try again, or show the answer.",
    "retry-multiple": "Not quite: {chosen:your choice fits|your choices fit}, but there is more to find. "
                           "Try again, or show the answer.",
    "retry-categorise": "Not quite. You placed {found} of {total} {total:item|items} in the right group. "
                        "Try again, or show the answer.",
    "revealed": "The answer and explanation are below.",
}

#: Status words before an option's or item's own feedback (whole sentences: the feedback may be hidden).
STATUS: Final[dict[str, str]] = {
    "right": "\u2713 Right.",
    "wrong": "\u2717 Not right.",
    "missed": "! Missed.",
    "belongs": "It belongs in \u201c{group}\u201d.",
}

#: The quiz score line (static quiz, progress page, live widget).
SCORE: Final[dict[str, str]] = {
    "label": "Your score:",
    "none": "Not started.",
    "some": "{answered} of {total} answered, {right} correct first time.",
    "all": "Completed: {right} of {total} correct first time.",
}

#: Labels, hints and notes of the rendered quiz (HTML, widgets) and the progress page.
UI: Final[dict[str, str]] = {
    "quiz-title": "Check your learning:",
    "quiz-meta": "{count} {count:question|questions}. Your answers are kept in this browser (and on your "
                 "learning platform, if you take the course there).",
    "question-number": "Question {number} of {total}",
    "hint-multiple": "Select all that apply.",
    "hint-categorise": "Choose a group for each item.",
    "hint-one": "Choose one.",
    "choose-group": "Choose a group",
    "scenario": "Illustrative scenario (fictional)",
    "check": "Check answer",
    "try-again": "Try again",
    "show-answer": "Show answer",
    "answer": "Answer:",
    "answer-heading": "Answer and explanation",
    "explanation": "Explanation",
    "taught-in": "Where the course teaches this:",
    "fallback": "Show the answer and explanation",
    "storage-blocked": "This browser is not letting the page store data, so your progress will not be kept "
                       "after you leave the page. The quiz still works.",
    "reset-confirm": "Clear your quiz answers and scores from this browser? This cannot be undone.",
    "reset-done": "Your progress has been cleared.",
}

#: Everything above, as one JSON-ready dict (what the page carries for ``quiz.js``).
WORDS: Final[dict[str, dict[str, str]]] = {"messages": MESSAGES, "status": STATUS, "score": SCORE, "ui": UI}

_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}")


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with ``{name}`` and ``{name:one|many}`` filled from ``values`` (KeyError if missing)."""

    def one(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        if match.group(2) is None:
            return str(value)
        return match.group(2) if value == 1 else match.group(3)

    return _PLACEHOLDER.sub(one, template)


def hint(question_type: str) -> str | None:
    """The hint after a question's prompt ("Select all that apply."), or None."""
    return UI.get(f"hint-{question_type}")
