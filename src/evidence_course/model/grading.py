"""Grade one answer to one question: the Python rule, used by the live widgets and the exports.

``sphinx_ext/static/quiz.js`` holds the same rule for the static book; ``tests/test_parity.py`` feeds
both the same answers and requires identical results. Keep the two in step (including the wording of
:func:`summary`).

Answers: single/truefalse → an option id (``None`` or ``""`` for none); multiple → a list of option
ids; categorise → ``{item id: category id}``.
"""

from __future__ import annotations

from typing import Any

from .bank import Question, QuestionType


def grade_data(qtype: str, answer: Any, *, options: list[str] | None = None, key: Any = None,
               items: dict[str, str] | None = None) -> dict[str, Any]:
    """Grade from plain data (what the JS side gets): option ids and key, or item→category key.

    Returns ``{"correct", "answered", "score", "found", "total", "wrong", "summary"}`` plus
    ``"options": [{"id", "selected", "key", "status"}]`` or ``"items": [{"id", "chosen", "key",
    "status"}]``. Status is ``right`` | ``wrong`` | ``missed`` | ``unselected``.
    """
    if qtype == QuestionType.CATEGORISE:
        result = _grade_categorise(answer, items or {})
    else:
        result = _grade_choice(qtype, answer, options or [], key)
    result["summary"] = summary(qtype, result)
    return result


def grade(question: Question, answer: Any) -> dict[str, Any]:
    """Grade ``answer`` to ``question`` (see :func:`grade_data` for the result's shape)."""
    if question.type is QuestionType.CATEGORISE:
        key_map = {item.id: item.category for item in question.items or []}
        return grade_data(question.type.value, answer, items=key_map)
    return grade_data(question.type.value, answer, options=[o.id for o in question.options or []],
                      key=question.key)


def _grade_choice(qtype: str, answer: Any, options: list[str], key: Any) -> dict[str, Any]:
    if qtype == QuestionType.MULTIPLE:
        chosen = {a for a in answer if isinstance(a, str) and a} if isinstance(answer, list) else set()
        keys = set(key or [])
    else:
        chosen = {answer} if isinstance(answer, str) and answer else set()
        keys = {key} if isinstance(key, str) else set(key or [])
    rows = []
    for option in options:
        selected, is_key = option in chosen, option in keys
        status = ("right" if is_key else "wrong") if selected else ("missed" if is_key else "unselected")
        rows.append({"id": option, "selected": selected, "key": is_key, "status": status})
    found = sum(1 for r in rows if r["status"] == "right")
    wrong = sum(1 for r in rows if r["status"] == "wrong")
    total = len(keys)
    correct = found == total and wrong == 0 and total > 0
    score = max(0, found - wrong) / total if total else 0.0
    return {"correct": correct, "answered": bool(chosen), "score": score, "found": found,
            "total": total, "wrong": wrong, "options": rows}


def _grade_categorise(answer: Any, items: dict[str, str]) -> dict[str, Any]:
    answer = answer if isinstance(answer, dict) else {}
    rows = []
    for item_id, category in items.items():
        chosen = answer.get(item_id)
        chosen = chosen if isinstance(chosen, str) and chosen else None
        status = "missed" if chosen is None else ("right" if chosen == category else "wrong")
        rows.append({"id": item_id, "chosen": chosen, "key": category, "status": status})
    found = sum(1 for r in rows if r["status"] == "right")
    wrong = sum(1 for r in rows if r["status"] == "wrong")
    total = len(rows)
    answered = any(r["chosen"] is not None for r in rows)
    return {"correct": total > 0 and found == total, "answered": answered,
            "score": found / total if total else 0.0, "found": found, "total": total, "wrong": wrong,
            "items": rows}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(qtype: str, result: dict[str, Any]) -> str:
    """The one sentence of feedback for a graded answer (quiz.js ``summary`` says the same)."""
    if not result["answered"]:
        if qtype == QuestionType.CATEGORISE:
            return "Choose a group for each item, then check your answer."
        return "Choose an answer, then check it."
    found, total, wrong = result["found"], result["total"], result["wrong"]
    if qtype == QuestionType.MULTIPLE:
        if result["correct"]:
            return f"Correct. You found all {_plural(total, 'right answer', 'right answers')}."
        text = f"Not quite. You found {found} of {_plural(total, 'right answer', 'right answers')}"
        if wrong:
            text += f" and chose {_plural(wrong, 'option that does not fit', 'options that do not fit')}"
        return text + "."
    if qtype == QuestionType.CATEGORISE:
        if result["correct"]:
            return f"Correct. All {_plural(total, 'item is', 'items are')} in the right group."
        return f"Not quite. You placed {found} of {_plural(total, 'item', 'items')} in the right group."
    return "Correct." if result["correct"] else "Not quite."
