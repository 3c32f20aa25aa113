"""Python and JavaScript grade every answer the same way (result dicts, including the summary sentence).

Runs ``node tests/js/parity-runner.js`` on a table of answers to every question type (right, wrong,
partial, empty, odd) and compares with :func:`evidence_course.grading.grade` exactly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from evidence_course.model.bank import load_bank
from evidence_course.model.grading import grade
from evidence_course.render.quiz_html import quiz_data

HERE = Path(__file__).parent
RUNNER = HERE / "js" / "parity-runner.js"

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
        {"integrated": "works", "extra": "works"}, {"signpost": "elsewhere"},
    ],
}


def run_node(cases: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the parity test needs it (see README)")
    proc = subprocess.run([node, str(RUNNER)], input=json.dumps(cases), capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_python_and_javascript_grade_alike() -> None:
    quiz = load_bank(HERE / "fixtures" / "quizzes")["sample"]
    data = quiz_data(quiz)["questions"]
    questions = {q.id: q for q in quiz.questions}
    table = [(qid, answer) for qid, answers in CASES.items() for answer in answers]
    assert {questions[qid].type for qid, _ in table} == {q.type for q in quiz.questions}
    js = run_node([{"question": data[qid], "answer": answer} for qid, answer in table])
    assert len(js) == len(table)
    for (qid, answer), js_result in zip(table, js, strict=True):
        py_result = grade(questions[qid], answer)
        assert js_result == py_result, f"{qid} answer {answer!r}"


def test_parity_runner_would_notice_a_difference() -> None:
    """A changed answer key changes the JS result: the comparison is not vacuous."""
    quiz = load_bank(HERE / "fixtures" / "quizzes")["sample"]
    entry = dict(quiz_data(quiz)["questions"]["sm-single"], key="b")
    js = run_node([{"question": entry, "answer": "a"}])[0]
    assert js != grade(quiz.questions[0], "a")
