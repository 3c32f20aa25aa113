"""Item-writing rules (``model/item_rules/``): the real bank follows every rule, and every rule fails,
naming file, line and question, on a fixture bank built to break it (``tests/fixtures/item_rules/``).

Each fixture folder is a copy of ``good/good.yml`` (which follows every rule) with one rule broken;
its first comment line says how.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from course_under_test import COURSE

from evidence_course.model import item_rules as ir
from evidence_course.model.bank import QuestionType, load_bank
from evidence_course.model.errors import CourseDataError

FIXTURES = Path(__file__).parent / "fixtures" / "item_rules"
SOURCE = COURSE.source_file

#: fixture folder -> (rule it breaks, the questions that rule must name, words its message must hold,
#: the YAML field each reported line must point at)
BROKEN = {
    "key-position": ("key-position", {"ir-single-a", "ir-single-b", "ir-single-c"},
                     "the key is option number 1 of 4, and so is the key of 3 of 4 = 75%", "key:"),
    "key-position-truefalse": ("key-position", {"ir-truefalse-true", "ir-truefalse-false"},
                               "keyed 'true', like 2 of 2 = 100% true/false questions", "key:"),
    "option-length": ("option-length", {"ir-single-a", "ir-single-b", "ir-single-c"},
                      "strictly the longest option, as in 3 of 4 = 75%", "text:"),
    "option-length-shortest": ("option-length", {"ir-single-b", "ir-single-c"},
                               "strictly the shortest option, as in 2 of 4 = 50%", "text:"),
    "option-length-scenario": ("option-length", {"ir-single-a"}, "its longest distractor (55; limit 1.3x)",
                               "text:"),
    "multiple-keys": ("multiple-keys", {"ir-multiple-one", "ir-multiple-two"},
                      "every 'select all that apply' question has exactly 2 right options", "key:"),
    "multiple-keys-position": ("multiple-keys", {"ir-multiple-one", "ir-multiple-two"},
                               "the last option is right in every one of the 2", "key:"),
    "all-none-above": ("all-none-above", {"ir-single-d"}, "option 'c' says 'None of the above'", "text:"),
    "cue-words": ("cue-words", {"ir-single-b", "ir-truefalse-false"}, "says 'always', and no right answer",
                  None),
    "option-by-letter": ("option-by-letter", {"ir-single-b", "ir-single-c"},
                         "refers to an option by letter or place", None),
    "summary-wording": ("summary-wording", {"ir-single-a", "ir-single-b", "ir-single-c", "ir-single-d",
                                            "ir-truefalse-true", "ir-truefalse-false"},
                        "a guesser matching the summary's words picks the key", None),
    "level": ("level", {"ir-single-a", "ir-single-b", "ir-single-c", "ir-truefalse-true",
                        "ir-truefalse-false", "ir-multiple-one", "ir-sort"},
              "only 2 of 9 = 22% questions are application", "level:"),
}


def check(folder: str, rules: list[str] | None = None) -> list[CourseDataError]:
    return ir.check_items(FIXTURES / folder, SOURCE, rules=rules)


def test_the_real_bank_follows_every_item_rule() -> None:
    errors = ir.check_items(COURSE.quiz_dir, SOURCE, bank=COURSE.bank(check_sections=False))
    assert not errors, f"{len(errors)} item-writing problems:\n" + "\n".join(str(e) for e in errors)


def test_the_good_fixture_follows_every_rule() -> None:
    assert check("good") == []


def test_every_rule_is_broken_by_some_fixture() -> None:
    assert {rule for rule, *_ in BROKEN.values()} == set(ir.RULES_BY_ID)
    assert {p.name for p in FIXTURES.iterdir() if p.is_dir()} == set(BROKEN) | {"good"}


@pytest.mark.parametrize("folder", sorted(BROKEN))
def test_each_rule_fails_on_its_fixture(folder: str) -> None:
    rule, expected, words, field = BROKEN[folder]
    errors = check(folder, rules=[rule])
    assert {e.item for e in errors} == {f"good/{q}" for q in expected}, [str(e) for e in errors]
    assert any(words in e.problem for e in errors), [str(e) for e in errors]
    path = FIXTURES / folder / "good.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for error in errors:
        text = str(error)
        assert text.startswith(f"{path}:{error.line}: [{error.item}] item rule {rule} ("), text
        assert error.fix, text
        if field:
            assert lines[error.line - 1].strip().startswith(field), (text, lines[error.line - 1])
    # the same fixture with the other rules only: the break is this rule's, not a side effect
    others = [r for r in ir.RULES_BY_ID if r != rule]
    assert not any(e.item in {f"good/{q}" for q in expected} and f"item rule {rule} " in str(e)
                   for e in check(folder, rules=others))


def test_a_broken_fixture_fails_the_whole_check() -> None:
    """``check_items`` with every rule (what ``make test`` runs) reports the break too."""
    errors = check("all-none-above")
    assert any("item rule all-none-above" in str(e) for e in errors)


# -- the definitions the rules rest on --------------------------------------------------------------
def test_plain_text_and_length() -> None:
    text = "  The *summary*   says [this](x.html) and `that`  "
    assert ir.plain_text(text) == "The summary says this and that"
    assert ir.text_length("**Two**  words") == len("Two words")
    assert ir.plain_text("person_centred stays") == "person_centred stays"


def test_content_words_drop_stop_words_and_a_plural_s() -> None:
    assert ir.content_words("The services are for the women, and it says so") == {"service", "women"}
    assert ir.content_words("access stress status") == {"access", "stress", "status"}
    assert ir.content_words("services which don’t help") == {"service", "help"}


def test_source_text_is_what_a_reader_sees() -> None:
    text = ir.source_text(SOURCE)
    assert "Do not edit the wording" not in text  # the HTML comment
    assert "(source-what-works)=" not in text  # label targets
    assert "Open Government Licence" not in text  # the footer after ---
    assert "Published 15 May 2019" in text


def test_guesser_picks_the_most_summary_like_option_and_the_first_on_a_tie() -> None:
    bank = load_bank(FIXTURES / "good")
    guesser = ir.WordGuesser(ir.source_text(SOURCE))
    contrary = ir.WordGuesser(ir.source_text(SOURCE), contrary=True)
    question = next(q for q in bank["good"].questions if q.id == "ir-single-b")
    overlaps = [guesser.overlap(o.text) for o in question.options]
    assert overlaps == [3, 2, 2, 1]  # risky/sexual/behaviours; violence/trauma; relapse/substance; problem
    assert guesser.guess(question).choice == "a" and contrary.guess(question).choice == "d"
    tie = question.model_copy(update={"options": [question.options[1], question.options[2]]})
    assert guesser.guess(tie).choice == "b"  # both share 2 words: the first one wins


def test_truefalse_guesser_says_true_for_the_summarys_own_words() -> None:
    bank = load_bank(FIXTURES / "good")
    guesser = ir.WordGuesser(ir.source_text(SOURCE))
    own_words = next(q for q in bank["good"].questions if q.id == "ir-truefalse-true")
    assert ir.statement_of(own_words).startswith("There are high levels")
    assert guesser.found_share(ir.statement_of(own_words)) == 1.0
    assert guesser.guess(own_words).choice == "true"
    paraphrase = own_words.model_copy(update={"prompt": "True or false? Many said they used drugs."})
    assert guesser.guess(paraphrase).choice == "false"


def test_figures_describe_the_bank() -> None:
    bank = load_bank(FIXTURES / "good")
    figures = ir.figures(bank, ir.source_text(SOURCE))
    assert figures["single_position_max"] == 0.25
    assert figures["truefalse_true"] == 0.5
    assert figures["guesser_single"] == 0.0 and figures["guesser_truefalse"] == 0.5
    assert figures["application"] == pytest.approx(5 / 9)
    assert {"longest_key", "shortest_key", "scenario_key_ratio_max", "contrary_single"} <= set(figures)


def test_real_bank_has_the_planned_mix() -> None:
    """At least 53 questions, all four types, and at least half application questions."""
    questions = [q for quiz in COURSE.bank(check_sections=False).values() for q in quiz.questions]
    assert len(questions) >= 53
    assert {q.type for q in questions} == set(QuestionType)
    assert sum(q.level.value == "application" for q in questions) * 2 >= len(questions)
