"""The quiz bank agrees with the evidence and with the book.

Every test collects *all* problems before failing, and names each one as ``quiz-id/question-id`` so an
author can go straight to the question. The rules, in one place:

* **Traceable**: a question's claims exist and are cited (``{claim}`id```) inside the chapter section
  its ``section`` label points to (subsections count).
* **Stance of a question** = the practice kinds among the question's own ``claims``: ``works`` only,
  ``doesnt-work`` only, both ("mixed", e.g. a scenario), or neither ("finding": findings, context,
  reading).
* **Keyed options** (the right answers) must name option-level ``claims``, share at least one claim with
  the question, and be compatible with its stance:

  - works stance: rests on at least one ``works`` claim and on no ``doesnt-work`` claim;
  - doesnt-work stance: rests on at least one ``doesnt-work`` claim and on no ``works`` claim;
  - mixed stance: rests on at least one ``works`` or ``doesnt-work`` claim;
  - finding stance: rests on no ``works``/``doesnt-work`` claim (the question would have to list it).

  So a right answer in a "what works" question that rests on a doesn't-work claim is a contradiction.
* **Feedback says why**: a keyed option's feedback never says the summary is silent or says the
  opposite; a distractor's feedback says which ("The summary does not say this" or "The summary says
  the opposite"), and "says the opposite" must name the claim it rests on.
* **Categorise** questions sort practices into ``works`` / ``doesnt-work`` / ``unsupported``; an item's
  category is implied by its claims: a ``works`` claim -> works, a ``doesnt-work`` claim -> doesnt-work,
  no claims -> unsupported (mixed or finding-only claims are ambiguous and rejected). An unsupported
  item's feedback says "The summary does not mention ..."; a works or doesnt-work item's never does.
* **Coverage**: every claim of kind finding, works and doesnt-work is in some question's ``claims``.
* **Placement**: every quiz is embedded (``show_quiz``) in the chapter it names, and that chapter, like
  the final assessment, is in ``_toc.yml``.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from course_under_test import COURSE

from evidence_course.model.bank import Question, QuestionType, Quiz
from evidence_course.model.chapters import toc_docnames
from evidence_course.model.evidence import ClaimKind

WORKS, DOESNT = ClaimKind.WORKS.value, ClaimKind.DOESNT_WORK.value
PRACTICE_KINDS = {WORKS, DOESNT}
ASSESSED_KINDS = {ClaimKind.FINDING.value, WORKS, DOESNT}

#: The three categories of a categorise question. The labels keep the summary's hedges ("appear to be
#: effective") and say "not covered", never anything that reads as "advised against".
CATEGORIES = {
    "works": "Works or appears to work, according to the summary",
    "doesnt-work": "Does not work well, according to the summary",
    "unsupported": "Not covered by this summary",
}

SILENT = "does not say"
NOT_MENTIONED = "does not mention"
OPPOSITE = "says the opposite"

CHAPTER_QUIZZES = [
    "health-and-harms",
    "who-the-evidence-is-about",
    "what-works",
    "what-doesnt-work",
    "putting-it-into-practice",
]
FINAL = "final-assessment"


@pytest.fixture(scope="module")
def bank() -> dict[str, Quiz]:
    # Sections are checked (with a readable message per question) by test_sections_teach_claims.
    return COURSE.bank(check_sections=False)


def questions(bank: dict[str, Quiz]) -> list[tuple[str, Question]]:
    return [(f"{quiz.id}/{q.id}", q) for quiz in bank.values() for q in quiz.questions]


def kinds(claim_ids: list[str]) -> set[str]:
    known = COURSE.claims
    return {known[c].kind.value for c in claim_ids if c in known}


def stance(question: Question) -> str:
    practice = kinds(question.claims) & PRACTICE_KINDS
    if practice == {WORKS}:
        return WORKS
    if practice == {DOESNT}:
        return DOESNT
    return "mixed" if practice else "finding"


def report(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(f"  - {p}" for p in problems), pytrace=False)


def test_bank_has_the_planned_quizzes_and_sizes(bank):
    problems = []
    for quiz_id in CHAPTER_QUIZZES + [FINAL]:
        if quiz_id not in bank:
            problems.append(f"{quiz_id}: quiz missing from quizzes/")
    for quiz_id in CHAPTER_QUIZZES:
        quiz = bank.get(quiz_id)
        if quiz and len(quiz.questions) < 6:
            problems.append(f"{quiz_id}: {len(quiz.questions)} questions, needs at least 6")
        if quiz and len({q.type for q in quiz.questions}) < 2:
            problems.append(f"{quiz_id}: uses one question type only; mix them")
        if quiz and quiz.chapter != f"book/{quiz_id}":
            problems.append(f"{quiz_id}: chapter is {quiz.chapter!r}, expected 'book/{quiz_id}'")
    final = bank.get(FINAL)
    if final and len(final.questions) < 15:
        problems.append(f"{FINAL}: {len(final.questions)} questions, needs at least 15")
    all_questions = questions(bank)
    if len(all_questions) < 45:
        problems.append(f"bank: {len(all_questions)} questions, needs at least 45")
    if sum(1 for _, q in all_questions if q.scenario) < 4:
        problems.append("bank: fewer than 4 scenario questions")
    if sum(1 for _, q in all_questions if q.type is QuestionType.CATEGORISE) < 2:
        problems.append("bank: fewer than 2 categorise questions")
    prefixes = {"health-and-harms": "hh-", "who-the-evidence-is-about": "who-", "what-works": "ww-",
                "what-doesnt-work": "dw-", "putting-it-into-practice": "pr-", FINAL: "fa-"}
    for name, q in all_questions:
        quiz_id = name.split("/")[0]
        if quiz_id in prefixes and not q.id.startswith(prefixes[quiz_id]):
            problems.append(f"{name}: id should start with {prefixes[quiz_id]!r}")
    report(problems, "problems with the bank's shape")


def test_sections_teach_claims(bank):
    """A question's section exists, and every claim the question tests is cited inside it."""
    labels = COURSE.section_labels()
    problems = []
    for name, q in questions(bank):
        section = labels.get(q.section)
        if section is None:
            problems.append(f"{name}: section {q.section!r} is not a label in any chapter of the toc")
            continue
        for claim_id in q.claims:
            if claim_id not in COURSE.claims:
                problems.append(f"{name}: unknown claim {claim_id!r}")
            elif claim_id not in section.claims:
                problems.append(f"{name}: claim {claim_id!r} is not cited in section {q.section!r} "
                                f"({section.docname}.md line {section.line})")
    report(problems, "questions whose claims are not taught where they point")


def test_keyed_options_rest_on_claims_of_the_right_kind(bank):
    """Right answers rest on claims compatible with the question's stance (see module docstring)."""
    problems = []
    for name, q in questions(bank):
        if q.type is QuestionType.CATEGORISE:
            continue
        q_stance = stance(q)
        options = {o.id: o for o in q.options or []}
        for key in q.keys:
            option = options.get(key)
            if option is None:
                continue  # load_bank reports keys that are not options
            where = f"{name}: keyed option {key!r} ({q_stance} question)"
            if not option.claims:
                problems.append(f"{where} names no claims: a right answer must be traceable")
                continue
            if not set(option.claims) & set(q.claims):
                problems.append(f"{where} shares no claim with the question's claims {q.claims}")
            opt_kinds = kinds(option.claims) & PRACTICE_KINDS
            if q_stance == WORKS and (WORKS not in opt_kinds or DOESNT in opt_kinds):
                problems.append(f"{where} rests on {sorted(option.claims)}: in a what-works question a "
                                "right answer needs a works claim and no doesnt-work claim")
            elif q_stance == DOESNT and (DOESNT not in opt_kinds or WORKS in opt_kinds):
                problems.append(f"{where} rests on {sorted(option.claims)}: in a doesn't-work question "
                                "a right answer needs a doesnt-work claim and no works claim")
            elif q_stance == "mixed" and not opt_kinds:
                problems.append(f"{where} rests on no works or doesnt-work claim")
            elif q_stance == "finding" and opt_kinds:
                problems.append(f"{where} rests on practice claims {sorted(option.claims)} that the "
                                "question does not test: add them to the question's claims")
    report(problems, "keyed options that contradict or do not rest on the evidence")


def test_feedback_says_why(bank):
    """Keyed feedback affirms; distractor feedback says whether the summary is silent or contrary."""
    problems = []
    for name, q in questions(bank):
        for option in q.options or []:
            text = " ".join(option.feedback.split())
            keyed = option.id in q.keys
            if keyed and (SILENT in text or OPPOSITE in text):
                problems.append(f"{name}: keyed option {option.id!r} has a distractor's feedback: {text!r}")
            if not keyed and not (SILENT in text or OPPOSITE in text):
                problems.append(f"{name}: option {option.id!r} is wrong but its feedback says neither "
                                f"'{SILENT}' nor '{OPPOSITE}'")
            if not keyed and OPPOSITE in text and not option.claims:
                problems.append(f"{name}: option {option.id!r} says the summary says the opposite "
                                "but names no claim")
        for item in q.items or []:
            silent = NOT_MENTIONED in " ".join(item.feedback.split())
            if item.category == "unsupported" and not silent:
                problems.append(f"{name}: item {item.id!r} is unsupported but its feedback does not say "
                                f"the summary '{NOT_MENTIONED}' it")
            if item.category != "unsupported" and silent:
                problems.append(f"{name}: item {item.id!r} is in {item.category!r} but its feedback says "
                                f"the summary '{NOT_MENTIONED}' it")
    report(problems, "feedback problems")


def test_categorise_items_sit_where_their_claims_put_them(bank):
    problems = []
    for name, q in questions(bank):
        if q.type is not QuestionType.CATEGORISE:
            continue
        cats = {c.id: c.text for c in q.categories or []}
        if cats != CATEGORIES:
            problems.append(f"{name}: categories must be exactly {CATEGORIES}, got {cats}")
        for item in q.items or []:
            practice = kinds(item.claims) & PRACTICE_KINDS
            if not item.claims:
                implied = "unsupported"
            elif practice == {WORKS}:
                implied = "works"
            elif practice == {DOESNT}:
                implied = "doesnt-work"
            else:
                problems.append(f"{name}: item {item.id!r} has claims {item.claims} that imply no single "
                                "category (use one works or doesnt-work claim, or none)")
                continue
            if item.category != implied:
                problems.append(f"{name}: item {item.id!r} is in {item.category!r} but its claims "
                                f"{item.claims or '(none)'} put it in {implied!r}")
    report(problems, "categorise items in the wrong category")


def test_every_finding_and_practice_claim_is_assessed(bank):
    assessed = Counter(c for _, q in questions(bank) for c in q.claims)
    missing = [cid for cid, claim in COURSE.claims.items()
               if claim.kind.value in ASSESSED_KINDS and not assessed[cid]]
    report([f"{cid} ({COURSE.claims[cid].kind.value}): no question lists it in `claims`" for cid in missing],
           "claims not assessed by any question")


def test_every_quiz_is_embedded_in_its_chapter(bank):
    chapters = COURSE.chapters()
    problems = []
    for quiz in bank.values():
        chapter = chapters.get(quiz.chapter)
        if chapter is None:
            problems.append(f"{quiz.id}: chapter {quiz.chapter!r} is not in _toc.yml (or has no .md)")
        elif quiz.id not in chapter.quizzes:
            problems.append(f"{quiz.id}: {quiz.chapter}.md has no show_quiz({quiz.id!r}) cell")
    report(problems, "quizzes not embedded where they say")


def test_final_assessment_is_in_the_book(bank):
    assert f"book/{FINAL}" in toc_docnames(COURSE.toc_file), f"book/{FINAL} is missing from _toc.yml"
    assert bank[FINAL].chapter == f"book/{FINAL}"


BANNED = re.compile(
    r"prostitut|%|\d|\b(two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|half|quarter|percent)\b",
    re.IGNORECASE,
)


#: Dates the source itself gives ("Published 15 May 2019", the years of its further reading): a
#: question may name them (the summary's status is assessed); any other number is refused.
SOURCE_DATES = re.compile(
    "|".join(sorted({re.escape(d) for d in re.findall(r"\b(?:\d{1,2} [A-Z][a-z]+ )?(?:19|20)\d\d\b",
                                                          COURSE.source_file.read_text(encoding="utf-8"))},
                    key=len, reverse=True)))


def test_language_has_no_statistics_or_stigmatising_words(bank):
    """No numbers or percentages (the source has none, except its dates) and person-first words only."""
    problems = []
    for name, q in questions(bank):
        texts = {"prompt": q.prompt, "scenario": q.scenario or "", "explanation": q.explanation}
        for part in (q.options or []) + (q.items or []):
            texts[f"{part.id}.text"] = part.text
            texts[f"{part.id}.feedback"] = part.feedback
        for field, text in texts.items():
            found = BANNED.search(SOURCE_DATES.sub("", text))
            if found:
                problems.append(f"{name}: {field} contains {found.group(0)!r}")
    report(problems, "wording problems")
