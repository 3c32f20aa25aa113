"""Facilitator kit data: the real files load and cross-check; faults name file, line, item and fix."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from course_under_test import COURSE, ROOT

from evidence_course.model.chapters import toc_docnames
from evidence_course.model.errors import CourseDataError, CourseDataErrors
from evidence_course.model.kit import (
    EVIDENCE_CHAPTERS,
    claim_ids_in,
    load_kit,
    plain_citations,
)

FACILITATOR_PAGES = sorted((ROOT / "book" / "facilitators").glob("*.md"))


def test_the_kit_loads_and_is_complete() -> None:
    kit = COURSE.kit()
    assert {s.minutes for s in kit.sessions.values()} >= {90, 180}
    assert set(kit.prompts) == set(EVIDENCE_CHAPTERS)
    assert len(kit.scenarios) >= 4
    for session in kit.sessions.values():
        assert sum(seg.minutes for seg in session.segments) == session.minutes


def test_facilitator_pages_are_in_the_toc() -> None:
    docnames = toc_docnames(COURSE.toc_file)
    for page in FACILITATOR_PAGES:
        assert f"book/facilitators/{page.stem}" in docnames
    wanted = {"index", "session-plans", "discussion-prompts", "scenarios", "trauma-informed", "handouts"}
    assert {p.stem for p in FACILITATOR_PAGES} >= wanted


@pytest.mark.parametrize("page", FACILITATOR_PAGES, ids=lambda p: p.stem)
def test_facilitator_pages_use_respectful_words(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"prostitut|%|\bpercent", text, re.IGNORECASE)


def test_trauma_informed_page_cites_signposting_evidence() -> None:
    text = (ROOT / "book" / "facilitators" / "trauma-informed.md").read_text(encoding="utf-8")
    assert "doesnt.signpost-only" in claim_ids_in(text)
    assert "safeguarding policy" in text


def test_plain_citations() -> None:
    assert plain_citations("A {claim}`works.housing` b", "[{id}]") == "A [works.housing] b"


@pytest.fixture
def kit_copy(tmp_path: Path) -> Path:
    target = tmp_path / "facilitation"
    shutil.copytree(COURSE.facilitation_dir, target)
    return target


def broken(kit_dir: Path, name: str, old: str, new: str) -> list[CourseDataError]:
    path = kit_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_kit(COURSE, kit_dir)
    exc = info.value
    return exc.errors if isinstance(exc, CourseDataErrors) else [exc]


def line_of(kit_dir: Path, name: str, needle: str) -> int:
    lines = (kit_dir / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_minutes_that_do_not_add_up(kit_copy: Path) -> None:
    (error,) = broken(kit_copy, "sessions.yml", "    minutes: 90\n", "    minutes: 95\n")
    assert error.line == line_of(kit_copy, "sessions.yml", "minutes: 95")
    assert error.item == "ninety-minutes" and "add up to 90 minutes, not 95" in str(error)
    assert "Fix:" in str(error) and "sessions.yml" in str(error)


def test_unknown_quiz_in_a_segment(kit_copy: Path) -> None:
    errors = broken(kit_copy, "sessions.yml", "quizzes: [health-and-harms]", "quizzes: [no-such-quiz]")
    # the segment's questions then belong to a quiz it no longer lists: reported too
    error = next(e for e in errors if "unknown quiz id" in str(e))
    assert "unknown quiz id 'no-such-quiz'" in str(error)
    assert error.line == line_of(kit_copy, "sessions.yml", "no-such-quiz")


def test_unknown_question_in_a_segment(kit_copy: Path) -> None:
    (error,) = broken(kit_copy, "sessions.yml", "hh-stigma-barrier]", "hh-no-such-question]")
    assert "unknown question id 'hh-no-such-question'" in str(error)
    assert error.line == line_of(kit_copy, "sessions.yml", "hh-no-such-question")
    assert error.item.startswith("ninety-minutes/") and "sessions.yml" in str(error) and "Fix:" in str(error)


def test_question_of_a_quiz_the_segment_does_not_list(kit_copy: Path) -> None:
    (error,) = broken(kit_copy, "sessions.yml", "questions: [hh-associated,", "questions: [ww-outcomes,")
    assert "question 'ww-outcomes' is in quiz 'what-works', which the segment does not list" in str(error)
    assert error.line == line_of(kit_copy, "sessions.yml", "ww-outcomes")


def test_a_quiz_run_without_naming_its_questions(kit_copy: Path) -> None:
    (error,) = broken(kit_copy, "sessions.yml", "        questions: [who-men-apply, who-transgender]\n", "")
    assert "runs quiz 'who-the-evidence-is-about' but names none of its questions" in str(error)
    assert error.item == "half-day/Who the evidence is about"


def test_timings_inside_a_segment_that_do_not_add_up(kit_copy: Path) -> None:
    (error,) = broken(kit_copy, "sessions.yml", "(8 minutes). Pairs discuss", "(9 minutes). Pairs discuss")
    assert "timings in the details add up to 21 minutes, not 20" in str(error)
    assert error.item == "half-day/Health and harms"


def test_every_quiz_segment_fits_its_questions_in_its_minutes() -> None:
    """About 2 minutes a question (read, show of hands, reveal, explanation) must fit the segment."""
    for session in COURSE.kit().sessions.values():
        for seg in session.segments:
            assert 2 * len(seg.questions) < seg.minutes, (session.id, seg.activity)


def test_unknown_chapter_in_an_outcome(kit_copy: Path) -> None:
    errors = broken(kit_copy, "outcomes.yml", "chapters: [book/what-works]", "chapters: [book/nowhere]")
    assert any(e.item == "lo-what-works" and "unknown chapter 'book/nowhere'" in str(e) for e in errors)


def test_scenario_notes_cite_unknown_or_unlisted_claims(kit_copy: Path) -> None:
    errors = broken(kit_copy, "scenarios.yml", "{claim}`works.housing`", "{claim}`works.nothing`")
    text = "\n".join(map(str, errors))
    assert "unknown claim id 'works.nothing'" in text
    assert "'works.housing' is listed but not cited" in text
    assert all(e.item == "sc-release-plan" for e in errors)


def test_schema_errors_name_the_line(kit_copy: Path) -> None:
    old = "      - id: ww-engagement\n"
    (error,) = broken(kit_copy, "prompts.yml", old, old + "        extra: 1\n")
    assert error.line == line_of(kit_copy, "prompts.yml", "extra: 1")
    assert error.item == "ww-engagement"


def test_stigmatising_words_are_refused(kit_copy: Path) -> None:
    errors = broken(kit_copy, "scenarios.yml", "Bea is a woman", "Bea is a prostitute")
    assert any("prostitut" in str(e) and e.item == "sc-release-plan" for e in errors)


def test_too_few_scenarios(kit_copy: Path) -> None:
    path = kit_copy / "scenarios.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: sc-mens-services")], encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_kit(COURSE, kit_copy)
    assert "at least 4 illustrative scenarios" in str(info.value)


def test_missing_prompts_for_a_chapter(kit_copy: Path) -> None:
    errors = broken(kit_copy, "prompts.yml", "  - chapter: book/what-works\n",
                    "  - chapter: book/further-reading\n")
    assert any(e.item == "book/what-works" and "no discussion prompts" in str(e) for e in errors)


def test_built_pages_show_the_kit(built_html: Path) -> None:
    kit = COURSE.kit()
    page = (built_html / "book" / "facilitators" / "session-plans.html").read_text(encoding="utf-8")
    plans = html.unescape(page).replace("’", "'").replace("“", '"').replace("”", '"')
    for session in kit.sessions.values():
        for seg in session.segments:
            assert seg.activity in plans
            for question in seg.questions:  # named by id, with where to find it in the presenter
                assert re.search(rf"Question <code[^>]*><span class=\"pre\">{question}</span></code> "
                                 r"\(.+ quiz, question \d+ of \d+\)", page), question
    scenarios = (built_html / "book" / "facilitators" / "scenarios.html").read_text(encoding="utf-8")
    for scenario in kit.scenarios.values():
        assert f'id="facilitators-{scenario.id}"' in scenarios
    assert "Illustrative scenario (fictional)" in scenarios
