"""The quiz rule for Python: grade an answer, decide what a try reveals, and order the options.

``sphinx_ext/static/quiz.js`` holds the same rule for the static book; ``tests/test_parity.py`` feeds
both the same answers, stages and seeds and requires identical results. The sentences come from
:mod:`evidence_course.model.words` (the page hands the same dict to quiz.js), so only the arithmetic
that picks and fills them must be kept in step.

Answers: single/truefalse → an option id (``None`` or ``""`` for none); multiple → a list of option
ids; categorise → ``{item id: category id}``.

A question is tried in rounds. A wrong first try is in the ``retry`` stage: only what the learner
chose is marked (each chosen option's own feedback, a "Not quite" sentence); the key, the missed
options and the explanation stay hidden. A right answer, a second wrong try or "Show answer" moves it
to ``revealed``. Only the first graded try ever counts for the score.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal, NotRequired, TypedDict

from .bank import Question, QuestionType
from .words import MESSAGES, fill

Status = Literal["right", "wrong", "missed", "unselected"]
Stage = Literal["retry", "revealed"]
#: Tries in one round before the answer is shown anyway.
MAX_TRIES = 2


class OptionRow(TypedDict):
    id: str
    selected: bool
    key: bool
    status: Status


class ItemRow(TypedDict):
    id: str
    chosen: str | None
    key: str
    status: Status


class Result(TypedDict):
    """What :func:`grade` returns: ``options`` for choice questions, ``items`` for categorise."""

    correct: bool
    answered: bool
    score: float
    found: int
    total: int
    wrong: int
    summary: str
    options: NotRequired[list[OptionRow]]
    items: NotRequired[list[ItemRow]]


class ViewRow(TypedDict):
    """One option or item to mark: its status word, whether its own feedback shows, its right group."""

    id: str
    status: Status
    feedback: bool
    group: str | None


class View(TypedDict):
    """What the learner sees after a check in ``stage``: the sentence, the marks, and the answer or not."""

    stage: Stage
    summary: str
    answer: bool
    rows: list[ViewRow]


def grade_data(qtype: str, answer: Any, *, options: list[str] | None = None, key: Any = None,
               items: dict[str, str] | None = None) -> Result:
    """Grade from plain data (what the JS side gets): option ids and key, or item→category key.

    Status is ``right`` | ``wrong`` | ``missed`` | ``unselected``; ``summary`` is the verdict sentence
    (see :func:`summary`).
    """
    if qtype == QuestionType.CATEGORISE:
        result = _grade_categorise(answer, items or {})
    else:
        result = _grade_choice(qtype, answer, options or [], key)
    result["summary"] = summary(qtype, result)
    return result


def grade(question: Question, answer: Any) -> Result:
    """Grade ``answer`` to ``question`` (see :func:`grade_data` for the result's shape)."""
    if question.type is QuestionType.CATEGORISE:
        key_map = {item.id: item.category for item in question.items or []}
        return grade_data(question.type.value, answer, items=key_map)
    return grade_data(question.type.value, answer, options=[o.id for o in question.options or []],
                      key=question.key)


def _grade_choice(qtype: str, answer: Any, options: list[str], key: Any) -> Result:
    if qtype == QuestionType.MULTIPLE:
        chosen = {a for a in answer if isinstance(a, str) and a} if isinstance(answer, list) else set()
        keys = set(key or [])
    else:
        chosen = {answer} if isinstance(answer, str) and answer else set()
        keys = {key} if isinstance(key, str) else set(key or [])
    rows: list[OptionRow] = []
    for option in options:
        selected, is_key = option in chosen, option in keys
        status: Status = (("right" if is_key else "wrong") if selected
                          else ("missed" if is_key else "unselected"))
        rows.append({"id": option, "selected": selected, "key": is_key, "status": status})
    found = sum(1 for r in rows if r["status"] == "right")
    wrong = sum(1 for r in rows if r["status"] == "wrong")
    total = len(keys)
    correct = found == total and wrong == 0 and total > 0
    score = max(0, found - wrong) / total if total else 0.0
    return {"correct": correct, "answered": bool(chosen), "score": score, "found": found,
            "total": total, "wrong": wrong, "summary": "", "options": rows}


def _grade_categorise(answer: Any, items: dict[str, str]) -> Result:
    answer = answer if isinstance(answer, dict) else {}
    rows: list[ItemRow] = []
    for item_id, category in items.items():
        chosen = answer.get(item_id)
        chosen = chosen if isinstance(chosen, str) and chosen else None
        status: Status = "missed" if chosen is None else ("right" if chosen == category else "wrong")
        rows.append({"id": item_id, "chosen": chosen, "key": category, "status": status})
    found = sum(1 for r in rows if r["status"] == "right")
    wrong = sum(1 for r in rows if r["status"] == "wrong")
    total = len(rows)
    answered = any(r["chosen"] is not None for r in rows)
    return {"correct": total > 0 and found == total, "answered": answered,
            "score": found / total if total else 0.0, "found": found, "total": total, "wrong": wrong,
            "summary": "", "items": rows}


def _message(qtype: str, result: Result, stage: Stage) -> str:
    """The id of the sentence (in :data:`~evidence_course.model.words.MESSAGES`) for this result:
    ``prompt-…`` when nothing was chosen, else the outcome (``correct``, ``retry``, ``wrong``), the
    type for multiple and categorise, and ``-misfits`` when a multiple answer chose wrong options."""
    if not result["answered"]:
        return "prompt-categorise" if qtype == QuestionType.CATEGORISE else "prompt-choice"
    kind = f"-{qtype}" if qtype in (QuestionType.CATEGORISE, QuestionType.MULTIPLE) else ""
    outcome = "correct" if result["correct"] else "retry" if stage == "retry" else "wrong"
    misfits = "-misfits" if qtype == QuestionType.MULTIPLE and result["wrong"] else ""
    return outcome + kind + misfits


def summary(qtype: str, result: Result, stage: Stage = "revealed") -> str:
    """The sentence for a graded answer; in the ``retry`` stage it names only what was chosen."""
    values = {"found": result["found"], "total": result["total"], "wrong": result["wrong"],
              "chosen": result["found"] + result["wrong"]}
    return fill(MESSAGES[_message(qtype, result, stage)], values)


def stage_after(correct: bool, tries: int) -> Stage:
    """The stage after ``tries`` graded tries in this round: ``revealed`` once right or after
    :data:`MAX_TRIES` tries, else ``retry``. ("Show answer" moves to ``revealed`` at any time.)"""
    return "revealed" if correct or tries >= MAX_TRIES else "retry"


def feedback_view(qtype: str, result: Result, stage: Stage) -> View:
    """What to show for ``result`` in ``stage`` (the one rule; quiz.js ``feedbackView`` mirrors it).

    ``retry``: only chosen options (placed items) are marked, each with its own feedback, except a
    misplaced item, whose feedback would name its group. ``revealed``: every chosen and missed option
    or item, with feedback, the right group of each misplaced item, and the answer and explanation.
    """
    rows: list[ViewRow] = []
    revealed = stage == "revealed"
    categorise = qtype == QuestionType.CATEGORISE
    for row in result.get("items") or result.get("options") or []:
        status = row["status"]
        if status == "unselected" or (status == "missed" and not revealed):
            continue
        group = str(row["key"]) if categorise and revealed and status != "right" else None
        feedback = revealed or not categorise or status == "right"
        rows.append({"id": row["id"], "status": status, "feedback": feedback, "group": group})
    text = summary(qtype, result, stage)
    if revealed and result["answered"] and not result["correct"]:
        text += " " + MESSAGES["revealed"]
    return {"stage": stage, "summary": text, "answer": revealed, "rows": rows}


# ----------------------------------------------------------------------------------- option order
def fnv1a(text: str) -> int:
    """32-bit FNV-1a hash of ``text``'s UTF-8 bytes."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _mulberry32(state: int) -> Iterator[int]:
    """The mulberry32 generator: 32-bit unsigned integers from a 32-bit state."""
    mask = 0xFFFFFFFF
    while True:
        state = (state + 0x6D2B79F5) & mask
        t = ((state ^ (state >> 15)) * (1 | state)) & mask
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & mask)) & mask) ^ t
        yield (t ^ (t >> 14)) & mask


def shuffled(ids: Sequence[str], seed: str, salt: str) -> list[str]:
    """``ids`` in the order of a Fisher-Yates shuffle driven by mulberry32 seeded with
    FNV-1a(``seed/salt``): the same seed and salt give the same order in Python and quiz.js."""
    order = list(ids)
    numbers = _mulberry32(fnv1a(f"{seed}/{salt}"))
    for i in range(len(order) - 1, 0, -1):
        j = next(numbers) % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def display_order(qtype: str, ids: Sequence[str], seed: str | None, question_id: str) -> list[str]:
    """The order a learner with ``seed`` sees options (or categorise items) in. No seed, or a
    true/false question ("True" stays before "False"), keeps the authored order."""
    if not seed or qtype == QuestionType.TRUEFALSE:
        return list(ids)
    return shuffled(ids, seed, question_id)
