"""The item-writing rules in order, and the entry points that run them on a bank."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..bank import Quiz, load_bank
from ..errors import CourseDataError
from .balance import check_key_position, check_level, check_multiple_keys, check_option_length
from .cues import check_all_none_above, check_cue_words, check_option_by_letter, check_summary_wording
from .text import source_text
from .view import BankView, Rule, view_of

RULES: tuple[Rule, ...] = (
    Rule("key-position", "20", "keys spread over positions; true/false keys balanced", check_key_position),
    Rule("option-length", "24, 28d", "the key does not stand out by its length", check_option_length),
    Rule("multiple-keys", "20", "'select all that apply' keys vary in number and place", check_multiple_keys),
    Rule("all-none-above", "25, 26", "no 'all/none of the above'", check_all_none_above),
    Rule("cue-words", "28a", "no absolute carried by wrong answers only", check_cue_words),
    Rule("option-by-letter", "options are shuffled for each learner",
         "no reference to an option by letter or place", check_option_by_letter),
    Rule("summary-wording", "3, 28b", "matching the summary's words does not find the key",
         check_summary_wording),
    Rule("level", "3", "at least half application questions", check_level),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def check_view(view: BankView, rules: Iterable[Rule] = RULES) -> list[CourseDataError]:
    """Every problem that ``rules`` find in ``view``, rule by rule."""
    return [error for rule in rules for error in rule.check(rule, view)]


def check_items(quiz_dir: Path, source_file: Path, *, rules: Iterable[str] | None = None,
                bank: dict[str, Quiz] | None = None) -> list[CourseDataError]:
    """Run the item-writing rules (all, or those named in ``rules``) on the quiz bank in ``quiz_dir``.

    ``bank`` is the loaded bank when the caller has it (else it is loaded, schema-checked, from
    ``quiz_dir``); ``source_file`` is the summary the guesser matches against.
    """
    chosen = RULES if rules is None else tuple(RULES_BY_ID[r] for r in rules)
    bank = bank if bank is not None else load_bank(quiz_dir)
    return check_view(view_of(bank, quiz_dir, source_text(source_file)), chosen)
