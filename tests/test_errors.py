"""One error type for bad data, one way to raise one or many, one schema-error translator."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from evidence_course.model.errors import CourseDataError, CourseDataErrors, errors_of, raise_all
from evidence_course.model.yamlfile import Problems, load_yaml, validate

ONE = CourseDataError("quizzes/a.yml", 3, "no key", item="a/q1", fix="add `key:`")
TWO = CourseDataError("quizzes/b.yml", None, "file not found")


def test_message_names_file_line_item_and_fix() -> None:
    assert str(ONE) == "quizzes/a.yml:3: [a/q1] no key. Fix: add `key:`"
    assert str(TWO) == "quizzes/b.yml: file not found"


def test_raise_all_raises_nothing_the_one_or_a_group() -> None:
    raise_all([])
    with pytest.raises(CourseDataError) as one:
        raise_all([ONE])
    assert one.value is ONE
    with pytest.raises(CourseDataErrors) as many:
        raise_all([ONE, TWO])
    assert many.value.errors == [ONE, TWO] and errors_of(many.value) == [ONE, TWO]
    assert str(many.value) == f"{ONE}\n{TWO}"
    assert isinstance(many.value, ExceptionGroup) and isinstance(many.value, ValueError)


def test_a_group_is_an_exception_group_of_course_data_errors() -> None:
    seen: list[CourseDataError] = []
    try:
        raise_all([ONE, TWO])
    except* CourseDataError as group:
        seen += group.exceptions  # type: ignore[arg-type]
    assert seen == [ONE, TWO]


def test_errors_survive_pickling() -> None:
    copy = pickle.loads(pickle.dumps(CourseDataErrors([ONE, TWO])))
    assert [str(e) for e in copy.errors] == [str(ONE), str(TWO)]
    assert (copy.errors[0].line, copy.errors[0].item, copy.errors[0].fix) == (3, "a/q1", "add `key:`")


class _Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    size: int


class _Things(BaseModel):
    things: list[_Thing]


def test_schema_errors_name_each_line_and_item(tmp_path: Path) -> None:
    path = tmp_path / "things.yml"
    path.write_text("things:\n  - id: first\n    size: big\n  - id: second\n    colour: red\n    size: 2\n")
    doc = load_yaml(path)
    with pytest.raises(CourseDataErrors) as info:
        validate(_Things, doc, path, "things", fixes={"size": "give a whole number"})
    first, second = info.value.errors
    assert (first.line, first.item, first.fix) == (3, "first", "give a whole number")
    assert "things.0.size" in first.problem
    assert (second.line, second.item) == (5, "second")
    assert second.fix == "see the things format described at the top of the file and in the README"


def test_problems_collects_and_raises_once(tmp_path: Path) -> None:
    problems = Problems()
    problems.raise_errors()  # nothing recorded: nothing raised
    problems.collect(CourseDataErrors([ONE, TWO]))
    problems.fail(tmp_path / "x.yml", {"a": 1}, ["a"], "x", "bad a", "fix a")
    with pytest.raises(CourseDataErrors) as info:
        problems.raise_errors()
    assert [e.item for e in info.value.errors] == ["a/q1", None, "x"]
