"""Printable handouts: read the PDFs back (pypdf) and check what learners and facilitators get."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from course_under_test import COURSE, copy_of_course
from pypdf import PdfReader

from evidence_course.model.errors import CourseDataError, CourseDataErrors
from evidence_course.render import markup
from evidence_course.render.handouts import build_handouts, render_answer_key

KEY_MARKS = re.compile(r"answer:|✓|correct answer", re.IGNORECASE)


#: The running footer of every PDF page; extraction puts it wherever a page breaks, even mid-sentence,
#: after a run of bullet characters ("•") that pypdf emits there and that the rendered page does not show.
FOOTER = re.compile(r"•*Sexwork,prisonandprobation:whattheevidencesaysPage\d+of\d+")


def squash(text: str) -> str:
    """Text without whitespace (PDF extraction breaks lines anywhere), page footers or curly quotes."""
    return FOOTER.sub("", re.sub(r"\s+", "", text).replace("’", "'"))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "handouts"
    build_handouts(COURSE, out)
    return out


@pytest.fixture(scope="module")
def bank():
    return COURSE.bank(check_sections=False)


def test_learner_sheets_have_every_stem_and_no_key(handouts: Path, bank) -> None:
    for quiz in bank.values():
        text = pdf_text(handouts / f"quiz-{quiz.id}.pdf")
        flat = squash(text)
        for q in quiz.questions:
            assert squash(markup.plain(q.prompt)) in flat, f"{quiz.id}/{q.id}: stem missing from the sheet"
        found = KEY_MARKS.search(text)
        assert not found, f"quiz-{quiz.id}.pdf shows key marking {found.group(0)!r}"
        assert "Explanation" not in text and "Evidence:" not in text


def test_answer_key_has_every_key_explanation_and_claim(handouts: Path, bank) -> None:
    flat = squash(pdf_text(handouts / "answer-key.pdf"))
    for quiz in bank.values():
        for q in quiz.questions:
            assert q.id in flat
            if q.type.value == "categorise":
                cats = {c.id: c.text for c in q.categories}
                for item in q.items:
                    assert squash(markup.plain(item.text) + markup.plain(cats[item.category])) in flat
            else:
                for option in q.options:
                    if option.id in q.keys:
                        assert squash(markup.plain(option.text)) in flat, f"{q.id}: key text missing"
            assert squash(markup.plain(q.explanation)) in flat
            for claim in q.all_claims:
                assert claim in flat


def test_answer_key_shows_each_level_and_the_split(bank) -> None:
    """The facilitator key names each question's level and counts recall/application per quiz."""
    html = render_answer_key(COURSE, bank)
    found = re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td>\d+</td>){3})</tr>', html)
    rows = {unescape(title): cells for title, cells in found}
    questions = [q for quiz in bank.values() for q in quiz.questions]
    for quiz in [*bank.values(), None]:
        asked = quiz.questions if quiz else questions
        applied = sum(q.level.value == "application" for q in asked)
        cells = f"<td>{len(asked) - applied}</td><td>{applied}</td><td>{len(asked)}</td>"
        assert rows[quiz.title if quiz else "All quizzes"] == cells
    for q in questions:
        assert f"({q.id}; {q.type.value}; level: {q.level.value})" in html


def test_session_plans_have_every_segment(handouts: Path) -> None:
    flat = squash(pdf_text(handouts / "session-plans.pdf"))
    for session in COURSE.kit().sessions.values():
        assert squash(session.title) in flat
        for seg in session.segments:
            assert squash(seg.activity) in flat, f"{session.id}: segment {seg.activity!r} missing"
            for question in seg.questions:
                assert squash(f"Question: {question} (") in flat, f"{session.id}: {question} missing"


def test_pdfs_are_tagged_a4_in_british_english(handouts: Path) -> None:
    for pdf in handouts.glob("*.pdf"):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert root.get("/Lang") == "en-GB"
        assert bool(root.get("/MarkInfo", {}).get("/Marked")), f"{pdf.name} is not tagged"
        assert "/StructTreeRoot" in root
        assert reader.metadata.title
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert (round(width), round(height)) == (595, 842), f"{pdf.name} is not A4"


def test_scenario_handout_for_groups_has_no_facilitator_notes(handouts: Path) -> None:
    groups = pdf_text(handouts / "scenarios.pdf")
    notes = pdf_text(handouts / "scenario-notes.pdf")
    assert "fictional" in groups.lower()
    assert "What the evidence says" not in groups and "What the evidence says" in notes


def test_editing_a_question_changes_the_output(tmp_path: Path) -> None:
    course = copy_of_course(tmp_path)
    path = course.quiz_dir / "what-works.yml"
    text = path.read_text(encoding="utf-8")
    old = "Which design matches the kind of service the summary calls effective?"
    assert old in text
    new = "Which approach does the summary call effective here?"
    path.write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "handouts"
    build_handouts(course, out)
    flat = squash(pdf_text(out / "quiz-what-works.pdf"))
    assert squash("Which approach does the summary call effective here?") in flat
    assert squash(old) not in flat


def test_a_failure_leaves_the_previous_handouts(tmp_path: Path) -> None:
    out = tmp_path / "handouts"
    out.mkdir()
    (out / "previous.html").write_text("kept")
    course = copy_of_course(tmp_path / "course")
    (course.quiz_dir / "what-works.yml").write_text("id: what-works\nquestions: [\n", encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)):
        build_handouts(course, out, pdf=False)
    assert [p.name for p in out.iterdir()] == ["previous.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "handouts"]


def test_every_practice_tool_is_printed_as_course_guidance(handouts: Path) -> None:
    """Each tool as a blank A4 sheet: labelled course guidance, every part and field, its claims quoted."""
    for tool in COURSE.practice_tools().values():
        pdf = handouts / f"tool-{tool.id}.pdf"
        assert pdf.exists(), f"make handouts wrote no {pdf.name}"
        flat = squash(pdf_text(pdf))
        assert squash("Course guidance, not evidence") in flat, f"{pdf.name} is not labelled"
        assert squash(tool.title) in flat
        for part in tool.parts:
            assert squash(markup.plain(part.title)) in flat, f"{pdf.name}: part {part.id!r} missing"
            for field in part.fields:
                assert squash(markup.plain(field.label)) in flat, f"{pdf.name}: field {field.id!r} missing"
            for row in part.rows:
                assert squash(row.title) in flat, f"{pdf.name}: row {row.id!r} missing"
        for claim in tool.claims:
            assert squash(f"{claim}:") in flat and squash(COURSE.claims[claim].quote[:40]) in flat
        assert PdfReader(pdf).metadata.title == tool.title


def test_session_plans_name_the_tool_handouts(handouts: Path) -> None:
    flat = squash(pdf_text(handouts / "session-plans.pdf"))
    for tool_id in ("supported-referral", "disclosure-and-recording", "reflective-log", "service-map"):
        assert squash(f"tool-{tool_id}.pdf") in flat
