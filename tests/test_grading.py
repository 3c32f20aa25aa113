"""Python grading of every question type: right, wrong, partial and empty answers, and the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_course.model.bank import Question, load_bank
from evidence_course.model.grading import display_order, feedback_view, grade, grade_data, stage_after
from evidence_course.model.words import fill

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


# ------------------------------------------------------------------ what a try reveals (second try)
def marks(view: dict) -> dict[str, tuple]:
    return {row["id"]: (row["status"], row["feedback"], row["group"]) for row in view["rows"]}


def test_wrong_first_try_marks_only_what_was_chosen(q) -> None:
    view = feedback_view("single", grade(q["sm-single"], "b"), "retry")
    assert view["stage"] == "retry" and not view["answer"]
    assert marks(view) == {"b": ("wrong", True, None)}  # the key (a) is not marked "missed"
    assert view["summary"] == "Not quite. Try again, or show the answer."


def test_revealed_marks_the_key_and_missed_options(q) -> None:
    view = feedback_view("single", grade(q["sm-single"], "b"), "revealed")
    assert view["answer"]
    assert marks(view) == {"a": ("missed", True, None), "b": ("wrong", True, None)}
    assert view["summary"] == "Not quite. The answer and explanation are below."
    right = feedback_view("single", grade(q["sm-single"], "a"), "revealed")
    assert right["summary"] == "Correct." and marks(right) == {"a": ("right", True, None)}


def test_retry_summary_for_multiple_does_not_give_the_number_of_keys_away(q) -> None:
    misfit = feedback_view("multiple", grade(q["sm-multiple"], ["housing", "fines"]), "retry")
    assert misfit["summary"] == "Not quite: 1 choice does not fit. Try again, or show the answer."
    assert marks(misfit) == {"housing": ("right", True, None), "fines": ("wrong", True, None)}
    short = feedback_view("multiple", grade(q["sm-multiple"], ["housing"]), "retry")
    assert short["summary"] == ("Not quite: your choice fits, but there is more to find. "
                                "Try again, or show the answer.")
    assert "3" not in short["summary"]


def test_retry_hides_a_misplaced_items_feedback_and_group(q) -> None:
    result = grade(q["sm-sort"], {"integrated": "doesnt", "signpost": "doesnt"})
    retry = feedback_view("categorise", result, "retry")
    assert marks(retry) == {"integrated": ("wrong", False, None), "signpost": ("right", True, None)}
    assert retry["summary"] == ("Not quite. You placed 1 of 3 items in the right group. "
                                "Try again, or show the answer.")
    revealed = feedback_view("categorise", result, "revealed")
    assert marks(revealed) == {"integrated": ("wrong", True, "works"), "signpost": ("right", True, None),
                               "untreated": ("missed", True, "doesnt")}


def test_stage_after_a_try() -> None:
    assert stage_after(correct=True, tries=1) == "revealed"
    assert stage_after(correct=False, tries=1) == "retry"
    assert stage_after(correct=False, tries=2) == "revealed"


def test_display_order_is_a_stable_permutation_per_seed_and_question() -> None:
    ids = [f"o{n}" for n in range(6)]
    first = display_order("single", ids, "seed-a", "q1")
    assert sorted(first) == ids and first == display_order("single", ids, "seed-a", "q1")
    assert first != ids or display_order("single", ids, "seed-a", "q2") != ids
    orders = {tuple(display_order("multiple", ids, f"seed-{n}", "q1")) for n in range(30)}
    assert len(orders) > 20, "30 seeds should give many different orders"
    positions = [display_order("single", ids, f"s{n}", "q")[0] for n in range(600)]
    assert all(60 <= positions.count(i) <= 140 for i in ids), "each option should lead about 1 time in 6"
    assert display_order("truefalse", ["true", "false"], "seed-a", "q1") == ["true", "false"]
    assert display_order("single", ids, None, "q1") == ids


def test_fill_placeholders() -> None:
    assert fill("{n} {n:item|items}", {"n": 1}) == "1 item"
    assert fill("{n} {n:item|items}", {"n": 0}) == "0 items"
    with pytest.raises(KeyError):
        fill("{missing}", {})
