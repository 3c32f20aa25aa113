"""Python grading of every question type: right, wrong, partial and empty answers, and the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_course.model.bank import Question, load_bank
from evidence_course.model.grading import grade, grade_data

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"


@pytest.fixture(scope="module")
def q() -> dict[str, Question]:
    quiz = load_bank(FIXTURES)["sample"]
    return {question.id: question for question in quiz.questions}


def statuses(result: dict) -> dict[str, str]:
    return {row["id"]: row["status"] for row in result.get("options") or result.get("items")}


def test_single_right(q) -> None:
    r = grade(q["sm-single"], "a")
    assert r == {
        "correct": True, "answered": True, "score": 1.0, "found": 1, "total": 1, "wrong": 0,
        "summary": "Correct.",
        "options": [
            {"id": "a", "selected": True, "key": True, "status": "right"},
            {"id": "b", "selected": False, "key": False, "status": "unselected"},
            {"id": "c", "selected": False, "key": False, "status": "unselected"},
        ],
    }


def test_single_wrong(q) -> None:
    r = grade(q["sm-single"], "b")
    assert (r["correct"], r["score"], r["summary"]) == (False, 0.0, "Not quite.")
    assert statuses(r) == {"a": "missed", "b": "wrong", "c": "unselected"}


@pytest.mark.parametrize("empty", [None, "", [], {}])
def test_single_empty_is_not_an_attempt(q, empty) -> None:
    r = grade(q["sm-single"], empty)
    assert not r["answered"] and not r["correct"]
    assert r["summary"] == "Choose an answer, then check it."


def test_truefalse(q) -> None:
    assert grade(q["sm-truefalse"], "false")["correct"]
    r = grade(q["sm-truefalse"], "true")
    assert statuses(r) == {"true": "wrong", "false": "missed"} and r["summary"] == "Not quite."


def test_multiple_right(q) -> None:
    r = grade(q["sm-multiple"], ["legal", "housing", "parenting"])
    assert r["correct"] and r["score"] == 1.0
    assert r["summary"] == "Correct. You found all 3 right answers."


def test_multiple_partial(q) -> None:
    r = grade(q["sm-multiple"], ["housing", "parenting"])
    assert (r["correct"], r["found"], r["total"], r["wrong"]) == (False, 2, 3, 0)
    assert r["score"] == pytest.approx(2 / 3)
    assert r["summary"] == "Not quite. You found 2 of 3 right answers."
    assert statuses(r) == {"housing": "right", "parenting": "right", "fines": "unselected", "legal": "missed"}


def test_multiple_with_a_wrong_choice_loses_credit(q) -> None:
    r = grade(q["sm-multiple"], ["housing", "fines"])
    assert r["score"] == 0.0 and r["wrong"] == 1
    assert r["summary"] == "Not quite. You found 1 of 3 right answers and chose 1 option that does not fit."
    all_of_them = grade(q["sm-multiple"], ["housing", "parenting", "legal", "fines"])
    assert not all_of_them["correct"] and all_of_them["score"] == pytest.approx(2 / 3)


def test_multiple_empty(q) -> None:
    r = grade(q["sm-multiple"], [])
    assert not r["answered"] and r["summary"] == "Choose an answer, then check it."
    assert grade(q["sm-multiple"], "housing")["answered"] is False  # a bare string is not a list


def test_categorise_right(q) -> None:
    r = grade(q["sm-sort"], {"integrated": "works", "signpost": "doesnt", "untreated": "doesnt"})
    assert r["correct"] and r["score"] == 1.0
    assert r["summary"] == "Correct. All 3 items are in the right group."
    assert r["items"][0] == {"id": "integrated", "chosen": "works", "key": "works", "status": "right"}


def test_categorise_partial_and_wrong(q) -> None:
    r = grade(q["sm-sort"], {"integrated": "doesnt", "signpost": "doesnt"})
    assert (r["correct"], r["found"], r["total"], r["wrong"]) == (False, 1, 3, 1)
    assert statuses(r) == {"integrated": "wrong", "signpost": "right", "untreated": "missed"}
    assert r["summary"] == "Not quite. You placed 1 of 3 items in the right group."


def test_categorise_empty(q) -> None:
    r = grade(q["sm-sort"], {})
    assert not r["answered"]
    assert r["summary"] == "Choose a group for each item, then check your answer."


def test_grade_data_singular_wording() -> None:
    r = grade_data("multiple", ["x", "y"], options=["x", "y", "z"], key=["x"])
    assert r["summary"] == "Not quite. You found 1 of 1 right answer and chose 1 option that does not fit."
