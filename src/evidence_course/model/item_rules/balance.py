"""Rules on the bank's shape, which a learner could play without reading: where the keys sit, how long
they are, how many a "select all that apply" question has, and the share of application questions."""

from __future__ import annotations

import math
from collections import Counter

from ..bank import Level, QuestionType
from ..errors import CourseDataError
from .limits import (
    MAX_LONGEST_KEY_SHARE,
    MAX_POSITION_SHARE,
    MAX_SCENARIO_KEY_RATIO,
    MIN_APPLICATION_SHARE,
    MIN_POSITION_SHARE,
    TRUE_SHARE_BAND,
)
from .text import text_length
from .view import BankView, Placed, Rule, share_text


def check_key_position(rule: Rule, view: BankView) -> list[CourseDataError]:
    """Single choice: per option count, no position holds more than 35 % of the keys (or the smallest
    share the count allows); true/false: between 40 % and 60 % of keys are "true" (or an even split)."""
    errors: list[CourseDataError] = []
    groups: dict[int, list[Placed]] = {}
    for p in view.of_type(QuestionType.SINGLE):
        groups.setdefault(len(p.question.options or []), []).append(p)
    for size, members in sorted(groups.items()):
        positions = Counter(p.option_index(p.question.keys[0]) for p in members)
        limit = max(MAX_POSITION_SHARE, math.ceil(len(members) / size) / len(members))
        least = math.floor(MIN_POSITION_SHARE * len(members) / size)
        for position in range(size):
            count = positions[position]
            if count / len(members) > limit:
                for p in members:
                    if p.option_index(p.question.keys[0]) == position:
                        errors.append(p.error(
                            rule, f"the key is option number {position + 1} of {size}, and so is the key of "
                            f"{share_text(count, len(members))} single-choice questions with {size} "
                            f"options (limit {limit:.0%})",
                            "move the key of some of these questions to a position that holds fewer keys",
                            "key"))
            elif count < least:
                first = members[0]
                errors.append(first.error(
                    rule, f"option number {position + 1} of {size} is the key of only {count} of the "
                    f"{len(members)} single-choice questions with {size} options (at least {least}): a "
                    "learner can rule that position out", f"move some keys to option number {position + 1}",
                    "key"))
    truefalse = view.of_type(QuestionType.TRUEFALSE)
    if truefalse:
        total = len(truefalse)
        trues = sum(p.question.key == "true" for p in truefalse)
        low, high = TRUE_SHARE_BAND
        balanced = low <= trues / total <= high or trues in (total // 2, (total + 1) // 2)
        if not balanced:
            side = "true" if trues / total > high else "false"
            other = "false" if side == "true" else "true"
            count = sum(q.question.key == side for q in truefalse)
            for p in truefalse:
                if p.question.key == side:
                    errors.append(p.error(
                        rule, f"keyed {side!r}, like {share_text(count, total)} true/false questions (keys "
                        f"\"true\" must be {low:.0%}-{high:.0%})",
                        f"rewrite some of these statements so that they are {other} by the summary", "key"))
    return errors


def check_option_length(rule: Rule, view: BankView) -> list[CourseDataError]:
    """Single choice: key strictly longest (or strictly shortest) in at most 30 % of questions; a
    scenario's key at most 1.3x its longest distractor."""
    errors: list[CourseDataError] = []
    singles = view.of_type(QuestionType.SINGLE)
    extremes: dict[str, list[Placed]] = {"longest": [], "shortest": []}
    for p in singles:
        key = p.question.keys[0]
        key_len = max(text_length(o.text) for o in p.question.options or [] if o.id == key)
        others = [text_length(o.text) for o in p.question.options or [] if o.id != key]
        if others and key_len > max(others):
            extremes["longest"].append(p)
        if others and key_len < min(others):
            extremes["shortest"].append(p)
        if p.question.scenario and others and key_len > MAX_SCENARIO_KEY_RATIO * max(others):
            errors.append(p.error(
                rule, f"the key of this scenario question is {key_len} characters, "
                f"{key_len / max(others):.2f}x its longest distractor ({max(others)}; limit "
                f"{MAX_SCENARIO_KEY_RATIO}x)", "shorten the key or make the distractors as specific as "
                "the key", "options", p.option_index(key), "text"))
    for which, found in extremes.items():
        if not singles or len(found) / len(singles) <= MAX_LONGEST_KEY_SHARE:
            continue
        fix = ("make a distractor at least as long as the key, or the key shorter" if which == "longest"
               else "make a distractor at most as long as the key, or the key longer")
        for p in found:
            errors.append(p.error(
                rule, f"the key is strictly the {which} option, as in "
                f"{share_text(len(found), len(singles))} single-choice questions (limit "
                f"{MAX_LONGEST_KEY_SHARE:.0%})", fix,
                "options", p.option_index(p.question.keys[0]), "text"))
    return errors


def check_multiple_keys(rule: Rule, view: BankView) -> list[CourseDataError]:
    """'Select all that apply': key counts vary; no position (from either end) is keyed every time."""
    errors: list[CourseDataError] = []
    multiple = view.of_type(QuestionType.MULTIPLE)
    if len(multiple) < 2:
        return errors
    counts = Counter(len(p.question.keys) for p in multiple)
    if len(counts) == 1:
        (count,) = counts
        for p in multiple:
            errors.append(p.error(
                rule, f"every 'select all that apply' question has exactly {count} right options",
                "vary how many options are right across the bank", "key"))
    for from_end in (False, True):
        width = max(len(p.question.options or []) for p in multiple)
        for position in range(width):
            holders = [p for p in multiple if position < len(p.question.options or [])]
            keyed = []
            for p in holders:
                ids = [o.id for o in p.question.options or []]
                option = ids[-1 - position] if from_end else ids[position]
                keyed.append(option in p.question.keys)
            if len(holders) >= 2 and all(keyed):
                place = (f"option {position + 1} from the end" if position else "the last option") \
                    if from_end else f"option number {position + 1}"
                for p in holders:
                    errors.append(p.error(
                        rule, f"{place} is right in every one of the {len(holders)} 'select all that "
                        "apply' questions", "make that position a wrong option in some questions", "key"))
    return errors


def check_level(rule: Rule, view: BankView) -> list[CourseDataError]:
    """At least half the questions are application questions; a scenario makes a question one."""
    errors = []
    for p in view.placed:
        if p.question.scenario and p.question.level is not Level.APPLICATION:
            errors.append(p.error(rule, "the question has a scenario but `level: recall`",
                                  "set `level: application` (a case to apply the evidence to)", "level"))
    total = len(view.placed)
    applied = sum(p.question.level is Level.APPLICATION for p in view.placed)
    if total and applied / total < MIN_APPLICATION_SHARE:
        for p in view.placed:
            if p.question.level is Level.RECALL:
                errors.append(p.error(
                    rule, f"recall question; only {share_text(applied, total)} questions are application "
                    f"questions (at least {MIN_APPLICATION_SHARE:.0%})", "turn recall questions into a short "
                    "case, a decision or a statement to judge (`level: application`)", "level"))
    return errors
