"""Moodle exports: GIFT read back by a small parser written here (not the writer's code), Moodle XML read
with ElementTree; both compared with the bank, including hostile text that must round-trip."""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from course_under_test import COURSE

from evidence_course.model.bank import Quiz, load_bank
from evidence_course.model.grading import grade
from evidence_course.render import markup
from evidence_course.render.moodle import (
    moodle_score,
    option_fractions,
    to_gift,
    to_moodle_xml,
    write_exports,
)

HOSTILE_DIR = Path(__file__).parent / "fixtures" / "facilitation" / "hostile"
TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
         "categorise": "matching"}


# ----------------------------------------------------------------------- an independent GIFT reader
def unescape(text: str) -> str:
    """GIFT escapes: backslash + char → char; ``\\n`` → newline."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def split_unescaped(text: str, sep: str, maxsplit: int = -1) -> list[str]:
    parts, current, i = [], "", 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current += text[i:i + 2]
            i += 2
            continue
        if text.startswith(sep, i) and (maxsplit < 0 or len(parts) < maxsplit):
            parts.append(current)
            current = ""
            i += len(sep)
            continue
        current += text[i]
        i += 1
    return parts + [current]


def parse_gift(text: str) -> list[dict]:
    """Questions as dicts: category, name, text, kind, answers, general feedback."""
    questions, category = [], None
    lines = [line for line in text.splitlines() if not line.startswith("//")]
    for block in re.split(r"\n\s*\n", "\n".join(lines)):
        block = block.strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            category = block[len("$CATEGORY:"):].strip()
            continue
        _, name, rest = split_unescaped(block, "::", 2)
        head, body = split_unescaped(rest, "{", 1)
        body, tail = split_unescaped(body, "}", 1)
        assert tail.strip() == "", f"text after the answers of {name}"
        assert head.startswith("[html]")
        body, *general = split_unescaped(body, "####", 1)
        q = {"category": category, "name": unescape(name), "text": unescape(head[len("[html]"):]),
             "general": unescape(general[0].strip()) if general else None, "answers": []}
        stripped = body.strip()
        if re.match(r"^(T|F|TRUE|FALSE)(#|$)", stripped):
            value, wrong, right = split_unescaped(stripped, "#")
            q["kind"] = "truefalse"
            q["answers"] = [{"value": value in ("T", "TRUE"), "wrong": unescape(wrong),
                             "right": unescape(right)}]
        else:
            for line in (x.strip() for x in body.splitlines() if x.strip()):
                mark, line = line[0], line[1:]
                weight = None
                found = re.match(r"^%(-?[\d.]+)%", line)
                if found:
                    weight, line = float(found.group(1)), line[found.end():]
                if " -> " in line:
                    left, right = split_unescaped(line, " -> ", 1)
                    q["answers"].append({"left": unescape(left), "right": unescape(right)})
                    continue
                answer, *feedback = split_unescaped(line, "#", 1)
                q["answers"].append({"mark": mark, "weight": weight, "text": unescape(answer),
                                     "feedback": unescape(feedback[0]) if feedback else None})
            q["kind"] = "matching" if q["answers"] and "left" in q["answers"][0] else "multichoice"
        questions.append(q)
    return questions


def as_text(value: str) -> str:
    """HTML from the export back to the plain text an author typed."""
    return html.unescape(re.sub(r"<[^>]+>", "", value))


@pytest.fixture(scope="module")
def bank() -> dict[str, Quiz]:
    return COURSE.bank(check_sections=False)


@pytest.fixture(scope="module")
def hostile() -> dict[str, Quiz]:
    return load_bank(HOSTILE_DIR)


def questions_of(bank: dict[str, Quiz]):
    return [(quiz, q) for quiz in bank.values() for q in quiz.questions]


# ------------------------------------------------------------------------------------------ GIFT
@pytest.mark.parametrize("which", ["bank", "hostile"])
def test_gift_matches_the_bank(which: str, request: pytest.FixtureRequest) -> None:
    source = request.getfixturevalue(which)
    parsed = {q["name"]: q for q in parse_gift(to_gift(source, COURSE.claims))}
    expected = questions_of(source)
    assert len(parsed) == len(expected)
    for quiz, question in expected:
        got = parsed[question.id]
        assert got["category"].endswith("/" + quiz.title)
        assert got["kind"] == TYPES[question.type.value]
        assert markup.plain(question.prompt) in as_text(got["text"])
        assert markup.plain(question.explanation) in as_text(got["general"])
        if question.type.value == "truefalse":
            (answer,) = got["answers"]
            assert answer["value"] is (question.key == "true")
            options = {o.id: o for o in question.options}
            wrong = "false" if question.key == "true" else "true"
            assert as_text(answer["right"]) == markup.plain(options[question.key].feedback)
            assert as_text(answer["wrong"]) == markup.plain(options[wrong].feedback)
        elif question.type.value == "categorise":
            cats = {c.id: c.text for c in question.categories}
            assert [(as_text(a["left"]), a["right"]) for a in got["answers"]] == [
                (markup.plain(i.text), markup.plain(cats[i.category])) for i in question.items]
            for item in question.items:  # per-item feedback travels in the general feedback
                assert markup.plain(item.feedback) in as_text(got["general"])
        else:
            texts = [markup.plain(o.text) for o in question.options]
            assert [as_text(a["text"]) for a in got["answers"]] == texts
            assert all(a["feedback"] for a in got["answers"]), f"{question.id}: an option has no feedback"
            for answer, option in zip(got["answers"], question.options, strict=True):
                assert as_text(answer["feedback"]) == markup.plain(option.feedback)
                keyed = option.id in question.keys
                if question.type.value == "single":
                    assert answer["mark"] == ("=" if keyed else "~")
                else:
                    assert answer["mark"] == "~" and answer["weight"] is not None
                    assert (answer["weight"] > 0) is keyed
            if question.type.value == "multiple":
                total = sum(a["weight"] for a in got["answers"] if a["weight"] > 0)
                assert total == pytest.approx(100, abs=0.01)


def test_gift_hostile_text_round_trips(hostile: dict[str, Quiz]) -> None:
    text = to_gift(hostile, COURSE.claims)
    parsed = {q["name"]: q for q in parse_gift(text)}
    single = parsed["hx-single"]
    assert "Single {a} ~b =c #d :e <script>alert(1)</script> f" in as_text(single["text"])
    assert as_text(single["answers"][0]["text"]) == "Opt {a} ~b =c #d :e <script>x</script>"
    assert "<script" not in text, "markup must arrive escaped"
    assert parsed["hx-sort"]["answers"][0]["right"] == "Cat {one} ~=#:"


# ------------------------------------------------------------------------------------------- XML
def parse_xml(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("which", ["bank", "hostile"])
def test_moodle_xml_matches_the_bank(which: str, request: pytest.FixtureRequest) -> None:
    source = request.getfixturevalue(which)
    root = parse_xml(to_moodle_xml(source, COURSE.claims))
    assert root.tag == "quiz"
    category = None
    seen = {}
    for element in root.findall("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        seen[element.findtext("name/text")] = (category, element)
    expected = questions_of(source)
    assert len(seen) == len(expected)
    for quiz, question in expected:
        category, element = seen[question.id]
        assert category == f"$course$/top/Evidence course/{quiz.title}"
        assert element.get("type") == TYPES[question.type.value]
        assert markup.plain(question.prompt) in as_text(element.findtext("questiontext/text"))
        assert markup.plain(question.explanation) in as_text(element.findtext("generalfeedback/text"))
        if question.type.value == "categorise":
            cats = {c.id: c.text for c in question.categories}
            subs = [(as_text(s.findtext("text")), s.findtext("answer/text"))
                    for s in element.findall("subquestion")]
            assert subs == [(markup.plain(i.text), markup.plain(cats[i.category])) for i in question.items]
            continue
        answers = element.findall("answer")
        assert len(answers) == len(question.options)
        fractions = [float(a.get("fraction")) for a in answers]
        for answer, option, fraction in zip(answers, question.options, fractions, strict=True):
            assert (answer.findtext("feedback/text") or "").strip(), f"{question.id}/{option.id}: no feedback"
            assert as_text(answer.findtext("feedback/text")) == markup.plain(option.feedback)
            assert (fraction > 0) is (option.id in question.keys)
            if question.type.value == "truefalse":
                assert answer.findtext("text") == option.id
            else:
                assert as_text(answer.findtext("text")) == markup.plain(option.text)
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
        if question.type.value != "truefalse":
            assert element.findtext("single") == ("true" if question.type.value == "single" else "false")


def test_xml_hostile_text_is_escaped(hostile: dict[str, Quiz]) -> None:
    root = parse_xml(to_moodle_xml(hostile, COURSE.claims))
    texts = [t.text or "" for t in root.iter("text")]
    assert not any("<script" in t for t in texts), "bank markup must arrive as escaped text"
    assert any(as_text(t) == "Opt {a} ~b =c #d :e <script>x</script>" for t in texts)


# --------------------------------------------------------------------------------------- grading
def test_fractions_agree_with_python_grading(bank: dict[str, Quiz], hostile: dict[str, Quiz]) -> None:
    """Moodle's score under our fractions equals evidence_course.grading's score for every answer."""
    for _, q in questions_of(bank) + questions_of(hostile):
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


def test_write_exports_replaces_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    paths = write_exports(out, load_bank(HOSTILE_DIR), COURSE.claims)
    assert sorted(p.name for p in out.iterdir()) == ["quizzes-moodle.xml", "quizzes.gift"]
    assert paths["gift"].read_text(encoding="utf-8").count("::hx-") == 4
    assert [p.name for p in tmp_path.iterdir()] == ["exports"], "no temporary folder is left behind"
