"""The language check, extended (issue #12): the course's words are never the summary's, "sex workers" is
not called person-first, "stays in the room" carries its exception, "Studies report" is kept, nothing is
claimed about reoffending, the summary's own verbs are kept, LGBTQ is spelled out one way, and "your
answers stay in this browser" is never said without the learning-platform exception (issue #12, review 2,
finding 3).

The rules live in :mod:`evidence_course.model.wording` (the facilitator kit and the practice tools run
them when they load, so a bad YAML file names its line). Here they run over every chapter, every kit
and tool file and every claim label, and each rule is shown to catch a made-up bad sentence and to let
the corrected one through.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from course_under_test import COURSE, ROOT

from evidence_course.model import wording
from evidence_course.model.words import WORDS


def checked_files() -> list[Path]:
    book = sorted(p for p in COURSE.book_dir.rglob("*.md") if "_build" not in p.parts)
    return book + sorted(COURSE.facilitation_dir.glob("*.yml")) + sorted(COURSE.practice_dir.glob("*.yml"))


def test_the_course_follows_the_wording_rules() -> None:
    problems = [f"{path.relative_to(ROOT)}:{p}" for path in checked_files()
                for p in wording.problems(path.read_text(encoding="utf-8"))]
    problems += [f"evidence/claims.yml [{claim.id}] label: {p}" for claim in COURSE.claims.values()
                 for p in wording.problems(claim.label)]
    assert not problems, f"{len(problems)} wording problems:\n" + "\n".join(problems)


#: Learner-facing words that live in code: templates (tags dropped) and the quiz's own UI strings.
TEMPLATES = sorted((ROOT / "src" / "evidence_course").rglob("*.html.j2"))
_TAG = re.compile(r"<[^>]*>|\{[{%#].*?[}%#]\}", re.S)


def test_learner_facing_words_in_code_follow_the_wording_rules() -> None:
    problems = [f"{path.relative_to(ROOT)}:{p}" for path in TEMPLATES
                for p in wording.problems(_TAG.sub(" ", path.read_text(encoding="utf-8")))]
    problems += [f"model/words.py [{group}][{key}]: {p}" for group, strings in WORDS.items()
                 for key, text in strings.items() for p in wording.problems(text)]
    assert TEMPLATES and not problems, f"{len(problems)} wording problems:\n" + "\n".join(problems)


def test_the_checked_files_include_every_kind_of_course_text() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in checked_files()}
    assert {"book/intro.md", "book/facilitators/trauma-informed.md", "facilitation/scenarios.yml",
            "practice/disclosure-and-recording.yml", "book/tools/index.md"} <= names


#: (rule, made-up bad text, the corrected text): the rule must catch the first and pass the second.
CASES = [
    ("our-words-not-the-summary's",
     'This course uses person-centred words, such as "people who sell sex", as the evidence summary does.',
     'The summary says "sex workers"; in our own words we say "people who sell sex".'),
    ("our-words-not-the-summary's",
     "The summary's own term is people who sell sex.",
     "The summary's own term is \"sex workers\", and the course says people who sell sex."),
    ("our-words-not-the-summary's",
     "Many people who sell sex report health problems {claim}`finding.mental-physical-health`.",
     "Many involved in sex work report health problems {claim}`finding.mental-physical-health`."),
    ("sex-workers-is-not-person-first",
     'Use person-first words such as "people who sell sex" and "sex workers".',
     'Use person-first words such as "people who sell sex". "Sex workers" is the summary\'s term.'),
    ("stays-in-the-room-needs-its-exception",
     "2. What people share stays in the room; learning can leave the room.",
     "2. What people share stays in the room, unless someone may be at risk of harm."),
    ("stays-in-the-room-needs-its-exception",
     "Everything said here will stay in the room. We take breaks.",
     "Everything said here will stay in the room. The exception: safeguarding, unless told otherwise."),
    ("keep-studies-report",
     "Sex workers identify stigma as the most challenging barrier to leaving the sex trade.",
     "Studies report that sex workers identify stigma as the most challenging barrier."),
    ("no-claim-about-reoffending",
     "Integrated services reduce reoffending among people who sell sex.",
     "The summary makes no claim about reoffending."),
    ("browser-only-needs-the-platform-exception",
     "Your answers stay in this browser. Nothing is sent anywhere.",
     "Your answers stay in this browser. If you take the course on your organisation's learning platform, "
     "they are saved there too."),
    ("browser-only-needs-the-platform-exception",
     "Your quiz answers and progress are kept only in your own browser, and are never sent anywhere.",
     "Your practice tool notes are kept only in your own browser, and are never sent anywhere."),
    ("browser-only-needs-the-platform-exception",
     "If you use another device, your progress starts again.",
     "If you use another device, your progress starts again, unless you take the course on a learning "
     "platform."),
    ("one-lgbtq-expansion",
     "lesbian, gay, bisexual, transgender and queer (LGBTQ) people",
     f"{wording.LGBTQ_EXPANSION} (LGBTQ) people"),
    ("misstates-the-source", "Course notes never add new facts.", "Course notes never add new evidence."),
    ("misstates-the-source", "It was not measured in another way.", "The summary does not say how."),
    ("misstates-the-source", "The summary covers the available evidence base.",
     "The page summarises the available evidence base."),
    ("misstates-the-source", "It is a peer-reviewed summary.",
     "It is informed by independent academic peer review."),
    ("misstates-the-source", "The evidence it teaches is about people in prison and on probation.",
     "The summary relates the evidence to people in prison and on probation."),
]


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_catches_a_bad_sentence_and_passes_the_fix(rule: str, bad: str, good: str) -> None:
    found = wording.problems(bad)
    assert [p.rule for p in found] == [rule], found
    assert found[0].fix and found[0].line == 1
    assert wording.problems(good) == []


def test_problems_name_the_line_of_a_multi_line_text() -> None:
    text = ("# Title\n\nFine text here.\n\n"
            "More fine text. Sex workers identify stigma as the\nmost challenging barrier.")
    (problem,) = wording.problems(text)
    assert problem.line == 5 and problem.rule == "keep-studies-report"
    assert "line 5" in str(problem) and "Fix:" in str(problem)


def test_every_rule_has_a_case() -> None:
    assert {rule.name for rule in wording.RULES} == {case[0] for case in CASES}
