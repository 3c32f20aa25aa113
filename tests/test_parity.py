"""Python and JavaScript apply the same quiz rule: grading, what each stage reveals, option order.

Runs ``node tests/js/parity-runner.js`` on a table of answers to every question type (right, wrong,
partial, empty, odd), each in the ``retry`` and ``revealed`` stages, on the stage rule, and on option
orders for several seeds, and compares with :mod:`evidence_course.model.grading` exactly. The same table
runs against the minified quiz.js the book ships. Both sides get their sentences from
:data:`evidence_course.model.words.WORDS` (quiz.js through the page). ``tsc`` type-checks quiz.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from evidence_course.model import grading, words
from evidence_course.model.bank import load_bank
from evidence_course.render.quiz_html import quiz_data
from evidence_course.sphinx_ext.minify import STATIC_DIR, minify

HERE = Path(__file__).parent
ROOT = HERE.parent
RUNNER = HERE / "js" / "parity-runner.js"
QUIZ_JS = STATIC_DIR / "quiz.js"
TSC = ROOT / "node_modules" / ".bin" / "tsc"

CASES = {
    "sm-single": ["a", "b", "c", None, "", "zzz", ["a"], {"a": "a"}],
    "sm-truefalse": ["true", "false", None, ""],
    "sm-multiple": [
        ["housing", "parenting", "legal"], ["legal", "parenting", "housing"], ["housing"],
        ["housing", "parenting"], ["housing", "fines"], ["fines"], ["housing", "parenting", "legal", "fines"],
        [], None, "housing", ["housing", "housing"], ["nope"], [""], [1, "legal"],
    ],
    "sm-sort": [
        {"integrated": "works", "signpost": "doesnt", "untreated": "doesnt"},
        {"integrated": "doesnt", "signpost": "works", "untreated": "works"},
        {"integrated": "works"}, {"integrated": "works", "signpost": ""}, {}, None, [], "works",
        {"integrated": "works", "extra": "works"}, {"signpost": "elsewhere"}, {"constructor": "works"},
    ],
}
STAGES = ("retry", "revealed")
SEEDS = ["", "0", "a1b2c3", "zzzzzzzzzzz", "seed with spaces and ü"]
ID_LISTS = [[], ["a"], ["a", "b"], ["a", "b", "c", "d"], [f"opt-{n}" for n in range(9)]]


def run_node(cases: list[dict], script: Path = QUIZ_JS) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the parity test needs it (see README)")
    payload = {"script": str(script), "words": words.WORDS, "cases": cases}
    proc = subprocess.run([node, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def sample():
    quiz = load_bank(HERE / "fixtures" / "quizzes")["sample"]
    return quiz, quiz_data(quiz)["questions"], {q.id: q for q in quiz.questions}


def table() -> tuple[list[dict], list]:
    """Every case for node, and what Python says for each."""
    quiz, data, questions = sample()
    cases: list[dict] = []
    expected: list = []
    for qid, answers in CASES.items():
        for answer in answers:
            for stage in STAGES:
                result = grading.grade(questions[qid], answer)
                cases.append({"question": data[qid], "answer": answer, "stage": stage})
                expected.append({"result": result,
                                 "view": grading.feedback_view(questions[qid].type.value, result, stage)})
    for correct in (True, False):
        for tries in range(4):
            cases.append({"stageAfter": [correct, tries]})
            expected.append(grading.stage_after(correct, tries))
    for qtype in ("single", "multiple", "truefalse", "categorise"):
        for ids in ID_LISTS:
            for seed in SEEDS:
                for question_id in ("q1", "ww-integrated-services"):
                    cases.append({"order": [qtype, ids, seed or None, question_id]})
                    expected.append(grading.display_order(qtype, ids, seed or None, question_id))
    assert {questions[qid].type for qid in CASES} == {q.type for q in quiz.questions}
    return cases, expected


def compare(js: list, expected: list, cases: list[dict]) -> None:
    assert len(js) == len(expected)
    for case, js_out, py_out in zip(cases, js, expected, strict=True):
        assert js_out == py_out, f"case {case}"


def test_python_and_javascript_apply_the_same_rule() -> None:
    cases, expected = table()
    compare(run_node(cases), expected, cases)


def test_the_minified_quiz_js_the_book_ships_applies_it_too(tmp_path: Path) -> None:
    minified = tmp_path / "quiz.min.js"
    minified.write_text(minify("quiz.js", QUIZ_JS.read_text(encoding="utf-8")), encoding="utf-8")
    assert minified.stat().st_size < QUIZ_JS.stat().st_size * 0.7
    cases, expected = table()
    compare(run_node(cases, minified), expected, cases)


def test_every_stage_and_shuffle_case_is_exercised() -> None:
    """The table reaches each sentence of words.MESSAGES, both stages, and real permutations."""
    cases, expected = table()
    used = {grading._message(case["question"]["type"], out["result"], case["stage"])
            for case, out in zip(cases, expected, strict=True) if "question" in case}
    views = [out["view"] for out in expected if isinstance(out, dict)]
    if any(view["summary"].endswith(words.MESSAGES["revealed"]) for view in views):
        used.add("revealed")
    assert used == set(words.MESSAGES), set(words.MESSAGES) - used
    orders = [(case["order"], out) for case, out in zip(cases, expected, strict=True) if "order" in case]
    assert any(out != case[1] for case, out in orders), "no seed changed an order"
    assert all(sorted(out) == sorted(case[1]) for case, out in orders), "an order lost or added an id"


def test_parity_runner_would_notice_a_difference() -> None:
    """A changed key or a changed seed changes the JS result: the comparison is not vacuous."""
    quiz, data, questions = sample()
    entry = dict(data["sm-single"], key="b")
    js = run_node([{"question": entry, "answer": "a", "stage": "retry"}])[0]
    assert js["result"] != grading.grade(questions["sm-single"], "a")
    ids = [f"opt-{n}" for n in range(9)]
    js_order = run_node([{"order": ["single", ids, "seed-1", "q1"]}])[0]
    assert js_order != grading.display_order("single", ids, "seed-2", "q1")


def test_quiz_js_type_checks() -> None:
    """``// @ts-check`` with JSDoc types: the pinned npm typescript finds no error in quiz.js."""
    if not TSC.exists():
        pytest.fail(f"{TSC} is missing: run `npm ci` (or `bash scripts/install-test-deps.sh`)")
    proc = subprocess.run([str(TSC), "-p", str(HERE / "js")], capture_output=True, text=True, check=False,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
