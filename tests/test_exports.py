"""Moodle exports: both files read back the way Moodle's own importers read them (``moodle_import``, a
transcription of Moodle's code, not the writer's), compared with the bank and with each other.

Three banks: the course's, a hostile one (GIFT/XML special characters and markup everywhere) and one of
Moodle hazards (format-marker prefixes on every kind of text; a quiz title with ``\\``, ``:``, ``/``).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from pathlib import Path

import pytest
from course_under_test import COURSE
from moodle_import import Imported, import_gift, import_xml, parse_text_with_format, xml_categories

from evidence_course.model.bank import Question, Quiz, load_bank
from evidence_course.model.grading import grade
from evidence_course.render import markup
from evidence_course.render.moodle import (
    moodle_score,
    option_fractions,
    to_gift,
    to_moodle_xml,
    write_exports,
)

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE_DIR = FIXTURES / "facilitation" / "hostile"
HAZARDS_DIR = FIXTURES / "moodle"
TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
         "categorise": "matching"}
#: What a wrong try costs in Moodle (GIFT's importer: true/false 1, everything else 0.3333333).
PENALTIES = {"multichoice": 0.3333333, "truefalse": 1.0, "matching": 0.3333333}
HINTS = {"multiple": "Select all that apply.", "categorise": "Choose a group for each item."}
BANKS = ["bank", "hostile", "hazards"]
IMPORTERS = {"gift": lambda bank: import_gift(to_gift(bank, COURSE.claims)),
             "xml": lambda bank: import_xml(to_moodle_xml(bank, COURSE.claims))}


def as_text(value: str) -> str:
    """HTML from the export back to the plain text an author typed."""
    return html.unescape(re.sub(r"<[^>]+>", "", value))


@pytest.fixture(scope="module")
def banks() -> dict[str, dict[str, Quiz]]:
    return {"bank": COURSE.bank(check_sections=False), "hostile": load_bank(HOSTILE_DIR),
            "hazards": load_bank(HAZARDS_DIR)}


def questions_of(bank: dict[str, Quiz]) -> list[tuple[Quiz, Question]]:
    return [(quiz, q) for quiz in bank.values() for q in quiz.questions]


def imported(bank: dict[str, Quiz], fmt: str) -> dict[str, Imported]:
    questions = IMPORTERS[fmt](bank)
    by_name = {q.name: q for q in questions}
    assert len(by_name) == len(questions), "two questions with one name"
    return by_name


def expected_category(quiz: Quiz) -> list[str]:
    """Where the course means a quiz to land: its title as plain text, on one line."""
    return ["$course$", "top", "Evidence course", " ".join(markup.plain(quiz.title).split())]


# ------------------------------------------------------------------------- each file against the bank
@pytest.mark.parametrize("fmt", ["gift", "xml"])
@pytest.mark.parametrize("which", BANKS)
def test_export_imports_as_the_bank(which: str, fmt: str, banks: dict) -> None:
    source = banks[which]
    got = imported(source, fmt)
    expected = questions_of(source)
    assert len(got) == len(expected)
    for quiz, question in expected:
        q = got[question.id]
        assert q.category == expected_category(quiz)
        assert q.qtype == TYPES[question.type.value]
        assert q.questiontext.format == "html" and q.generalfeedback.format == "html"
        assert markup.plain(question.prompt) in as_text(q.questiontext.text)
        assert markup.plain(question.explanation) in as_text(q.generalfeedback.text)
        if question.type.value == "truefalse":
            options = {o.id: o for o in question.options}
            assert q.correct is (question.key == "true")
            assert as_text(q.feedbacktrue.text) == markup.plain(options["true"].feedback)
            assert as_text(q.feedbackfalse.text) == markup.plain(options["false"].feedback)
        elif question.type.value == "categorise":
            cats = {c.id: c.text for c in question.categories}
            assert [(as_text(t.text), a) for t, a in q.subquestions] == [
                (markup.plain(i.text), markup.plain(cats[i.category])) for i in question.items]
            for item in question.items:  # per-item feedback travels in the general feedback
                assert markup.plain(item.feedback) in as_text(q.generalfeedback.text)
        else:
            assert q.single is (question.type.value == "single")
            texts = [markup.plain(o.text) for o in question.options]
            assert [as_text(a.text.text) for a in q.answers] == texts
            fractions = option_fractions(question)
            for answer, option in zip(q.answers, question.options, strict=True):
                assert answer.feedback.text, f"{question.id}/{option.id}: no feedback"
                assert as_text(answer.feedback.text) == markup.plain(option.feedback)
                assert answer.fraction == pytest.approx(fractions[option.id] / 100, abs=1e-6)
            assert sum(a.fraction for a in q.answers if a.fraction > 0) == pytest.approx(1, abs=1e-4)


@pytest.mark.parametrize("which", BANKS)
def test_both_files_import_as_the_same_questions(which: str, banks: dict) -> None:
    """Question by question, every field Moodle stores from either file is the same."""
    gift, xml = imported(banks[which], "gift"), imported(banks[which], "xml")
    assert list(gift) == list(xml)
    for name in gift:
        assert dataclasses.asdict(gift[name]) == dataclasses.asdict(xml[name]), name


# ------------------------------------------------------------------------------ one issue at a time
@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_penalty_per_type(fmt: str, banks: dict) -> None:
    """True/false: a wrong try costs the whole mark (as GIFT import and Moodle's form set); others 1/3."""
    for which in BANKS:
        got = imported(banks[which], fmt)
        for _, question in questions_of(banks[which]):
            q = got[question.id]
            assert q.penalty == PENALTIES[q.qtype], f"{fmt} {question.id}: penalty {q.penalty}"
    types = {q.qtype for q in imported(banks["bank"], fmt).values()}
    assert types == set(PENALTIES), "the course bank should exercise every question type"


@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_id_numbers_are_the_bank_ids(fmt: str, banks: dict) -> None:
    for which in BANKS:
        got = imported(banks[which], fmt)
        assert {name: q.idnumber for name, q in got.items()} == {
            q.id: q.id for _, q in questions_of(banks[which])}


def test_gift_has_one_id_line_per_question(banks: dict) -> None:
    text = to_gift(banks["bank"], COURSE.claims)
    assert len(re.findall(r"^// \[id:[^\]]+\]$", text, flags=re.M)) == len(questions_of(banks["bank"]))


@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_no_standard_instruction_only_the_course_hint(fmt: str, banks: dict) -> None:
    """Moodle's "Select one or more:" is off in both; the course's own hint is in the question text."""
    got = imported(banks["bank"], fmt)
    for _, question in questions_of(banks["bank"]):
        q = got[question.id]
        if q.qtype == "multichoice":
            assert q.showstandardinstruction == 0, question.id
        hint = HINTS.get(question.type.value)
        text = as_text(q.questiontext.text)
        if hint:
            assert text.endswith(hint), f"{question.id}: {text!r}"
        else:
            assert not any(h in text for h in HINTS.values()), question.id


def test_format_marker_prefixes_survive_the_gift_importer(banks: dict) -> None:
    got = imported(banks["hazards"], "gift")
    single = got["hz-single"]
    assert [as_text(a.text.text) for a in single.answers] == [
        "[plain] Option one", "[html] Option two", "[moodle] Option three", "[markdown] Option four"]
    assert [as_text(a.feedback.text) for a in single.answers] == [
        "[html] Feedback one", "[moodle] Feedback two", "[markdown] Feedback three",
        "[unknown] Feedback four keeps an unknown marker"]
    assert all(a.text.format == "html" and a.feedback.format == "html" for a in single.answers)
    assert as_text(got["hz-truefalse"].feedbacktrue.text) == "[plain] True feedback"
    assert as_text(got["hz-truefalse"].feedbackfalse.text) == "[markdown] False feedback"
    items = [as_text(t.text) for t, _ in got["hz-sort"].subquestions]
    assert items == ["[moodle] Item one", "[markdown] Item two"]
    assert [a for _, a in got["hz-sort"].subquestions] == ["[plain] Group one", "[html] Group two"]
    assert as_text(single.generalfeedback.text).startswith("[plain] Explanation")
    assert "[moodle] Scenario" in as_text(single.questiontext.text)


def test_the_reader_drops_a_format_marker_as_moodle_does() -> None:
    """The check above can fail: a GIFT text written without its own [html] loses a leading marker."""
    assert parse_text_with_format("[plain] Option one", "html").text == "Option one"
    naive = import_gift("::n::[html]<p>Q</p>{\n\t=[plain] Option one#fb\n\t~Other#fb\n}\n")
    assert naive[0].answers[0].text.text == "Option one"


@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_category_names_with_backslash_colon_and_slash(fmt: str, banks: dict) -> None:
    categories = {tuple(q.category) for q in IMPORTERS[fmt](banks["hazards"])}
    assert categories == {("$course$", "top", "Evidence course", "Back\\slash: C:\\new \\ and a/b // c/")}


def test_the_reader_keeps_gift_escapes_in_category_names() -> None:
    """The check above can fail: Moodle never unescapes ``\\:`` in a ``$CATEGORY:`` line."""
    (question,) = import_gift("$CATEGORY: $course$/top/A\\:B\n\n::n::[html]x{T}\n")
    assert question.category == ["$course$", "top", "A&&058;B"]


def test_only_the_xml_gives_categories_a_description(banks: dict) -> None:
    xml = xml_categories(to_moodle_xml(banks["hazards"], COURSE.claims))
    quiz = banks["hazards"]["hazards"]
    (info,) = xml.values()
    assert info.format == "html" and as_text(info.text) == markup.plain(quiz.intro)
    gift = to_gift(banks["hazards"], COURSE.claims)
    assert "GIFT cannot carry category descriptions" in gift
    assert markup.plain(quiz.intro) not in gift.replace("\\", "")


# ------------------------------------------------------------------------------------ hostile text
def test_gift_hostile_text_round_trips(banks: dict) -> None:
    text = to_gift(banks["hostile"], COURSE.claims)
    got = imported(banks["hostile"], "gift")
    assert "Single {a} ~b =c #d :e <script>alert(1)</script> f" in as_text(got["hx-single"].questiontext.text)
    assert as_text(got["hx-single"].answers[0].text.text) == "Opt {a} ~b =c #d :e <script>x</script>"
    assert "<script" not in text, "markup must arrive escaped"
    assert got["hx-sort"].subquestions[0][1] == "Cat {one} ~=#:"


def test_xml_hostile_text_is_escaped(banks: dict) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(to_moodle_xml(banks["hostile"], COURSE.claims).encode("utf-8"))
    texts = [t.text or "" for t in root.iter("text")]
    assert not any("<script" in t for t in texts[1:]), "bank markup must arrive as escaped text"
    assert any(as_text(t) == "Opt {a} ~b =c #d :e <script>x</script>" for t in texts)


# --------------------------------------------------------------------------------------- grading
def test_fractions_agree_with_python_grading(banks: dict) -> None:
    """Moodle's score under our fractions equals evidence_course.grading's score for every answer."""
    for _, q in questions_of(banks["bank"]) + questions_of(banks["hostile"]):
        if q.type.value == "categorise":
            continue
        ids = [o.id for o in q.options]
        fractions = option_fractions(q)
        assert sum(v for k, v in fractions.items() if k in q.keys) == pytest.approx(100)
        if q.type.value == "multiple":
            for n in range(len(ids) + 1):
                for chosen in itertools.combinations(ids, n):
                    assert moodle_score(q, list(chosen)) == pytest.approx(grade(q, list(chosen))["score"])
        else:
            for chosen in ids:
                assert moodle_score(q, [chosen]) == pytest.approx(grade(q, chosen)["score"])


# ---------------------------------------------------------------------------------------- writing
def test_write_exports_replaces_its_files_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    (out / "quizzes.gift").write_text("old")
    (out / "course-scorm12.zip").write_bytes(b"the SCORM package, written by `course scorm`")
    paths = write_exports(out, load_bank(HOSTILE_DIR), COURSE.claims)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["course-scorm12.zip", "quizzes-moodle.xml", "quizzes.gift"]
    assert paths["gift"].read_text(encoding="utf-8").count("::hx-") == 4
    assert (out / "course-scorm12.zip").read_bytes().startswith(b"the SCORM package")
    assert [p.name for p in tmp_path.iterdir()] == ["exports"], "nothing is left behind"
