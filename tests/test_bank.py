"""The quiz bank loader: a valid bank loads, and each kind of fault names file, line, question and fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from course_under_test import COURSE

from evidence_course.model.bank import QuestionType, load_bank, question_index
from evidence_course.model.course import Course
from evidence_course.model.errors import CourseDataError, CourseDataErrors

FIXTURE = Path(__file__).parent / "fixtures" / "quizzes" / "sample.yml"
SAMPLE = FIXTURE.read_text(encoding="utf-8")


def line_no(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in the test YAML"
    return hits[occurrence - 1]


def write(tmp_path: Path, text: str, name: str = "sample.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(tmp_path: Path, **kwargs) -> list[CourseDataError]:
    kwargs.setdefault("claim_ids", COURSE.claims.keys())
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_bank(tmp_path, **kwargs)
    exc = info.value
    return exc.errors if isinstance(exc, CourseDataErrors) else [exc]


def one_error(tmp_path: Path, text: str, **kwargs) -> CourseDataError:
    write(tmp_path, text)
    errors = errors_of(tmp_path, **kwargs)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def edit(old: str, new: str, text: str = SAMPLE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def assert_error(err: CourseDataError, path_name: str, line: int, item: str, problem: str, fix: str) -> None:
    message = str(err)
    assert Path(err.file).name == path_name
    assert err.line == line, message
    assert err.item == item, message
    assert re.search(problem, message), message
    assert fix in (err.fix or ""), message
    assert message.startswith(f"{err.file}:{line}: [{item}] ")


def test_fixture_loads_with_every_type(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    bank = load_bank(tmp_path)
    quiz = bank["sample"]
    assert {q.type for q in quiz.questions} == set(QuestionType)
    index = question_index(bank)
    assert index["sm-sort"][0] is quiz and index["sm-sort"][1].type is QuestionType.CATEGORISE
    truefalse = index["sm-truefalse"][1]
    assert [o.id for o in truefalse.options] == ["true", "false"] and truefalse.key == "false"
    assert quiz.estimated_minutes == 6


def test_content_hash_changes_with_the_question() -> None:
    bank_a = load_bank(FIXTURE.parent)
    q = bank_a["sample"].questions[0]
    changed = q.model_copy(update={"prompt": q.prompt + " (edited)"})
    assert len(q.content_hash) == 10 and q.content_hash != changed.content_hash


def test_unknown_type(tmp_path: Path) -> None:
    text = edit("type: single", "type: singel")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "type: singel"), "sample/sm-single",
                 "unknown question type 'singel'", "use one of: single, multiple, truefalse, categorise")


def test_key_not_among_options(tmp_path: Path) -> None:
    text = edit("    key: a\n", "    key: z\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "key: z"), "sample/sm-single",
                 r"key 'z' is not among the options \(a, b, c\)", "use the id of one of")


def test_single_with_two_keys(tmp_path: Path) -> None:
    text = edit("    key: a\n", "    key: [a, b]\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "key: [a, b]"), "sample/sm-single",
                 "a single question has one key, not 2", "make it a `multiple` question")


def test_truefalse_with_two_keys(tmp_path: Path) -> None:
    text = edit("    key: false\n", "    key: [true, false]\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "key: [true, false]"), "sample/sm-truefalse",
                 "a truefalse question has one key, not 2", "give one option id")


def test_multiple_with_empty_key(tmp_path: Path) -> None:
    text = edit("key: [housing, parenting, legal]", "key: []")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "key: []"), "sample/sm-multiple",
                 "a multiple question's key is empty", "list at least one right option id")


def test_multiple_prompt_repeating_the_hint(tmp_path: Path) -> None:
    old = "prompt: Which of these does the evidence list among effective support?"
    text = edit(old, old + " Select all that apply.")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "Select all that apply."), "sample/sm-multiple",
                 "the prompt says 'select all that apply'", "adds that hint to multiple questions itself")


def test_duplicate_question_id_across_the_bank(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    other = edit("id: sample", "id: other").replace("- id: sm-multiple", "- id: sm-other-multiple")
    other = other.replace("- id: sm-truefalse", "- id: sm-other-tf")
    other = other.replace("- id: sm-sort", "- id: sm-other-s")
    write(tmp_path, other, "other.yml")  # sorts before sample.yml: its sm-single is seen first
    errors = errors_of(tmp_path)
    assert len(errors) == 1
    assert_error(errors[0], "sample.yml", line_no(SAMPLE, "- id: sm-single"), "sample/sm-single",
                 r"duplicate question id \(also at .*other\.yml:6\)", "unique across the whole bank")


def test_duplicate_option_id(tmp_path: Path) -> None:
    text = edit("      - id: c\n", "      - id: b\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "      - id: b", 2), "sample/sm-single",
                 "duplicate option id 'b'", "give each option of the question its own id")


def test_unknown_claim_id(tmp_path: Path) -> None:
    text = edit("    claims: [doesnt.signpost-only]\n", "    claims: [doesnt.made-up]\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "doesnt.made-up"), "sample/sm-truefalse",
                 "unknown claim id 'doesnt.made-up'", "evidence/claims.yml")


def test_unknown_claim_id_on_an_option(tmp_path: Path) -> None:
    text = edit("        claims: [works.integrated-services]\n", "        claims: [works.nope]\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "works.nope"), "sample/sm-single",
                 "unknown claim id 'works.nope' in option 'a'", "evidence/claims.yml")


def test_unknown_section_label(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    errors = errors_of(tmp_path, section_labels={"chapter-holistic"})
    assert [e.item for e in errors] == ["sample/sm-truefalse", "sample/sm-sort"]
    assert_error(errors[0], "sample.yml", line_no(SAMPLE, "section: chapter-limits"), "sample/sm-truefalse",
                 "unknown section label 'chapter-limits'", "docs/section-labels.md")
    assert errors[1].line == line_no(SAMPLE, "section: chapter-limits", 2)


def test_the_course_checks_sections_against_its_chapters(tmp_path: Path) -> None:
    course = Course(tmp_path)
    (tmp_path / "quizzes").mkdir()
    write(tmp_path / "quizzes", SAMPLE)
    (tmp_path / "evidence").mkdir()
    for name in ("claims.yml", "source.md"):
        (tmp_path / "evidence" / name).write_text((COURSE.root / "evidence" / name).read_text())
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "chapter.md").write_text("(chapter-holistic)=\n# Holistic services\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/chapter\n")
    with pytest.raises(CourseDataErrors) as info:
        course.bank()
    assert {e.item for e in info.value.errors} == {"sample/sm-truefalse", "sample/sm-sort"}
    assert "sample" in course.bank(check_sections=False)


def test_missing_feedback(tmp_path: Path) -> None:
    text = edit("        feedback: The evidence says signposting alone does not work well.\n", "")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "      - id: b"), "sample/sm-single",
                 r"questions\.0\.options\.1\.feedback: Field required", "add `feedback:`")


def test_empty_options(tmp_path: Path) -> None:
    text = re.sub(r"    options:\n      - id: true\n.*?(?=    key: false)", "    options: []\n", SAMPLE,
                  flags=re.S)
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "options: []"), "sample/sm-truefalse",
                 "the question has no options", "add at least two options")


def test_categorise_item_category_not_among_categories(tmp_path: Path) -> None:
    text = edit("        category: works\n", "        category: working\n")
    err = one_error(tmp_path, text)
    assert_error(err, "sample.yml", line_no(text, "category: working"), "sample/sm-sort",
                 r"item 'integrated' has category 'working', which is not among the categories "
                 r"\(doesnt, works\)",
                 "use the id of one of the categories")


def test_quiz_id_differs_from_file_name(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE, "renamed.yml")
    errors = errors_of(tmp_path)
    assert len(errors) == 1
    assert_error(errors[0], "renamed.yml", line_no(SAMPLE, "id: sample"), "sample",
                 "quiz id 'sample' differs from the file name", "set `id: renamed`")


def test_several_faults_are_reported_together(tmp_path: Path) -> None:
    text = edit("    key: a\n", "    key: z\n", edit("type: multiple", "type: many"))
    write(tmp_path, text)
    errors = errors_of(tmp_path)
    # An unknown type stops that file before the rest is checked; the fix is still specific.
    assert [e.line for e in errors] == [line_no(text, "type: many")]


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = edit("    key: a\n", "    key: [a\n")
    write(tmp_path, text)
    errors = errors_of(tmp_path)
    assert errors[0].line is not None and "YAML syntax error" in str(errors[0])
