"""Item-writing rules: checks that a learner who only plays the test (longest option, the summary's
words, a favourite letter, a cue word) cannot pass, run on the real bank by ``make test``.

The rules are the mechanically checkable part of the 31 multiple-choice item-writing guidelines in
Haladyna, T. M., Downing, S. M. & Rodriguez, M. C. (2002), "A review of multiple-choice item-writing
guidelines for classroom assessment", *Applied Measurement in Education* 15(3), 309-334. Each
:class:`Rule` names the guideline it rests on (numbers as in the paper's table):

=====================  ==========  ===========================================================
rule                   guideline   what is checked
=====================  ==========  ===========================================================
key-position           20          single choice: no position holds more than 35 % of the keys,
                                   or less than half its fair share (per option count);
                                   true/false: 40-60 % of keys are "true"
option-length          24, 28d     single choice: the key is strictly the longest option in at
                                   most 30 % of questions (and strictly the shortest in at most
                                   30 %); a scenario's key is at most 1.3x its longest distractor
multiple-keys          20          "select all that apply": the number of keys varies, and no
                                   position (from the start or from the end) is keyed every time
all-none-above         25, 26      no "all of the above" / "none of the above"
cue-words              28a         no absolute (always, never, only ...) that only wrong answers carry
option-by-letter       (shuffle)   no text refers to an option by letter or place ("option b",
                                   "(c)", "the answer above"): options are shuffled per learner
summary-wording        3, 28b      a guesser matching the summary's words scores at most 45 %
                                   on single choice and 60 % on true/false (:class:`WordGuesser`),
                                   and so does one avoiding them
level                  3           at least half the questions are ``level: application``; a
                                   question with a scenario is an application question
=====================  ==========  ===========================================================

Definitions (also in the README's quiz-authoring section):

* **Length** of an option: characters of its plain text (:func:`plain_text`: Markdown links, emphasis
  and code marks removed, runs of white space counted as one space, ends trimmed).
* **Words**: :func:`content_words` lower-cases the text, takes runs of letters a-z (so "don't" gives
  "don" and "t"), keeps those of three or more letters that are not in :data:`STOP_WORDS`, and drops
  one final "s" from words longer than four letters not ending in "ss", "us" or "is" (so "services"
  matches "service").

Every problem is a :class:`CourseDataError` naming the quiz file, the line, ``quiz/question`` and
the fix, like the bank's schema errors. Bank-wide rules (balance, shares) report each question that
contributes to the imbalance, with the bank's figure in the message.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .bank import Level, Question, QuestionType, Quiz, load_bank
from .errors import CourseDataError
from .yamlfile import line_of, load_yaml

# -- limits (the targets) -------------------------------------------------------------------
#: Largest share of single-choice keys one position may hold (or the least the count allows).
MAX_POSITION_SHARE = 0.35
#: Each position holds at least this fraction of its fair share (1/option count) of the keys.
MIN_POSITION_SHARE = 0.5
#: Band for the share of true/false questions keyed "true" (or the nearest the count allows).
TRUE_SHARE_BAND = (0.40, 0.60)
#: Largest share of single-choice questions whose key is strictly the longest (or shortest) option.
MAX_LONGEST_KEY_SHARE = 0.30
#: In a single-choice question with a scenario, the key may be at most this times its longest distractor.
MAX_SCENARIO_KEY_RATIO = 1.3
#: Largest score of the :class:`WordGuesser` on single-choice and on true/false questions.
MAX_GUESSER_SINGLE = 0.45
MAX_GUESSER_TRUEFALSE = 0.60
#: Smallest share of application questions in the bank.
MIN_APPLICATION_SHARE = 0.50

#: Absolutes ("specific determiners", guideline 28a) that must not be carried by wrong answers only.
ABSOLUTES = frozenset({
    "always", "never", "only", "all", "none", "every", "completely", "entirely", "absolutely",
    "guaranteed", "guarantee", "guarantees", "proven", "proves", "proof", "definitely", "certainly",
})

#: Words a test-wise learner skips when matching options with the summary: function words, and the
#: quiz's own words about the summary (every question uses them, so they say nothing about the key).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing don down during each few for from further had
has have having he her here hers herself him himself his how if in into is it its itself just let me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves one ones may might must shall
summary say says said according true false statement question answer option
""".split())

_ABOVE = re.compile(
    r"\b(?:all|none|both|neither|any) of (?:the )?(?:above|below|these|those|them|the options)\b",
    re.IGNORECASE)
_LETTER_REFS = (
    re.compile(r"\b(?:[Oo]ptions?|[Aa]nswers?|[Cc]hoices?)\s+\(?(?:[B-Fb-f]|A)\)?(?!\w)"),
    re.compile(r"\b(?:options?|answers?|choices?)\s+\(?a\)?(?=\s*(?:$|[,.;:!?)]|and\b|or\b))",
               re.IGNORECASE),
    re.compile(r"(?<![\w(])\([A-Fa-f]\)(?!\w)"),
    re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|last|previous|next|other) "
               r"(?:option|answer|choice)s?\b", re.IGNORECASE),
    re.compile(r"\b(?:options?|answers?|choices?) (?:above|below)\b", re.IGNORECASE),
)
_TF_LEAD = re.compile(r"^\s*true\s+or\s+false\s*[?:.]?\s*", re.IGNORECASE)


# -- text measures ----------------------------------------------------------------------------------
def plain_text(text: str) -> str:
    """``text`` as the learner reads it: Markdown links, emphasis and code marks removed, spaces collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)[*_`]+|[*_`]+(?!\w)", "", text)
    return " ".join(text.split())


def text_length(text: str) -> int:
    """Length of an option: characters of its :func:`plain_text`."""
    return len(plain_text(text))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case runs of letters a-z in ``text`` (the tokens every other measure starts from)."""
    return re.findall(r"[a-z]+", plain_text(text).lower())


def content_words(text: str) -> set[str]:
    """The distinct content words of ``text``: tokens of 3+ letters, not stop words, lightly stemmed."""
    return {_stem(w) for w in words(text) if len(w) >= 3 and w not in STOP_WORDS}


def source_text(path: Path) -> str:
    """The summary as a reader sees it: ``source.md`` without its HTML comment, ``(label)=`` targets
    and the licence footer after the final ``---`` line."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"^\(.*\)=\s*$", "", text, flags=re.M)
    head, sep, _tail = text.rpartition("\n---\n")
    return head if sep else text


def statement_of(question: Question) -> str:
    """A true/false question's statement: its prompt without a leading "True or false?"."""
    return _TF_LEAD.sub("", question.prompt)


# -- the test-wise guesser --------------------------------------------------------------------------
@dataclass(frozen=True)
class Guess:
    """What the guesser chose for one question, and whether that is the key."""

    choice: str
    correct: bool
    why: str


class WordGuesser:
    """A learner who has skimmed the summary and picks whatever sounds most like it.

    * Single choice: the option with the most distinct :func:`content_words` that also occur in the
      summary; a tie goes to the option that comes first.
    * True/false: "true" when at least :attr:`TRUE_WHEN` (nine in ten) of the statement's distinct
      content words occur in the summary, otherwise "false": a statement in the summary's own words
      is taken as true, one that brings in words of its own as false. Nine in ten is the threshold
      that scored best on the bank before issue 11 (15 of 16 right; "more than half" scored 9 of 16).

    With ``contrary=True`` it is the learner who has noticed that a bank avoids the summary's words:
    on single choice it picks the option sharing the *fewest* words with the summary (a tie goes to
    the option that comes first), and on true/false it gives the opposite answer. A bank that merely
    turned the cue around would let this guesser pass, so the rule limits both.
    """

    TRUE_WHEN = 0.9

    def __init__(self, summary: str, *, contrary: bool = False) -> None:
        self.vocabulary = content_words(summary)
        self.contrary = contrary

    def overlap(self, text: str) -> int:
        """How many distinct content words of ``text`` the summary also uses."""
        return len(content_words(text) & self.vocabulary)

    def found_share(self, text: str) -> float:
        """The share of ``text``'s distinct content words that the summary also uses (0 if none)."""
        found = content_words(text)
        return len(found & self.vocabulary) / len(found) if found else 0.0

    def guess(self, question: Question) -> Guess | None:
        """The guesser's answer to a single-choice or true/false question (``None`` for other types)."""
        if question.type is QuestionType.SINGLE and question.options:
            sign = -1 if self.contrary else 1
            scores = [(sign * self.overlap(o.text), -n, o.id) for n, o in enumerate(question.options)]
            best, _, choice = max(scores)
            return Guess(choice, choice in question.keys, f"{sign * best} of its words are the summary's")
        if question.type is QuestionType.TRUEFALSE:
            share = self.found_share(statement_of(question))
            choice = "true" if (share >= self.TRUE_WHEN) != self.contrary else "false"
            return Guess(choice, choice in question.keys,
                         f"{share:.0%} of the statement's content words are the summary's")
        return None

    def score(self, questions: Iterable[Question], kind: QuestionType) -> tuple[int, int]:
        """(right, asked) over the questions of type ``kind``."""
        guesses = [self.guess(q) for q in questions if q.type is kind]
        done = [g for g in guesses if g is not None]
        return sum(g.correct for g in done), len(done)


# -- where each question is -------------------------------------------------------------------------
@dataclass(frozen=True)
class Placed:
    """A question of the bank with the file and the loaded YAML it came from (for line numbers)."""

    quiz: Quiz
    question: Question
    path: Path
    doc: Any
    index: int

    @property
    def item(self) -> str:
        """``quiz/question`` as error messages name it."""
        return f"{self.quiz.id}/{self.question.id}"

    def line(self, *loc: str | int) -> int | None:
        """Line of ``questions[index].<loc>`` in the file (the question's own line if not found)."""
        return line_of(self.doc, ["questions", self.index, *loc])

    def option_index(self, option_id: str) -> int:
        """Position (0-based) of an option in authored order."""
        return [o.id for o in self.question.options or []].index(option_id)

    def error(self, rule: Rule, problem: str, fix: str, *loc: str | int) -> CourseDataError:
        """A :class:`CourseDataError` for this question from ``rule``, at ``loc`` (default: its id)."""
        where = self.line(*loc) if loc else self.line("id")
        return CourseDataError(self.path, where, f"item rule {rule.id} ({rule.basis}): {problem}",
                               item=self.item, fix=fix)


@dataclass
class BankView:
    """The bank as the rules see it: every question in order, and the summary's text."""

    placed: list[Placed]
    summary: str

    @cached_property
    def guesser(self) -> WordGuesser:
        """The test-wise guesser for this summary."""
        return WordGuesser(self.summary)

    @cached_property
    def contrary_guesser(self) -> WordGuesser:
        """The guesser that bets against the summary's words."""
        return WordGuesser(self.summary, contrary=True)

    def of_type(self, kind: QuestionType) -> list[Placed]:
        """The questions of type ``kind``."""
        return [p for p in self.placed if p.question.type is kind]


def view_of(bank: dict[str, Quiz], quiz_dir: Path, summary: str) -> BankView:
    """Place every question of ``bank`` in its file in ``quiz_dir`` (for line numbers)."""
    placed = []
    for quiz in bank.values():
        path = quiz_dir / f"{quiz.id}.yml"
        doc = load_yaml(path)
        index = {str(raw.get("id")): n for n, raw in enumerate(doc.get("questions") or [])
                 if isinstance(raw, dict)}
        placed += [Placed(quiz, q, path, doc, index.get(q.id, 0)) for q in quiz.questions]
    return BankView(placed, summary)


# -- the rules --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One item-writing rule: an id, the guideline it rests on, and the check."""

    id: str
    guideline: str
    summary: str
    check: Callable[[Rule, BankView], list[CourseDataError]] = field(repr=False)

    @property
    def basis(self) -> str:
        """Where the rule comes from, as error messages cite it."""
        if self.guideline[0].isdigit():
            return f"Haladyna et al. 2002, guideline {self.guideline}"
        return self.guideline


def _share_text(count: int, total: int) -> str:
    return f"{count} of {total} = {count / total:.0%}" if total else "none"


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
                            f"{_share_text(count, len(members))} single-choice questions with {size} "
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
                        rule, f"keyed {side!r}, like {_share_text(count, total)} true/false questions (keys "
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
                f"{_share_text(len(found), len(singles))} single-choice questions (limit "
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


def check_all_none_above(rule: Rule, view: BankView) -> list[CourseDataError]:
    """No option reading "all of the above", "none of these" and the like."""
    errors = []
    for p in view.placed:
        for n, option in enumerate(p.question.options or []):
            found = _ABOVE.search(plain_text(option.text))
            if found:
                errors.append(p.error(rule, f"option {option.id!r} says {found.group(0)!r}",
                                      "replace it with a plausible option of its own (or use a 'select all "
                                      "that apply' question)", "options", n, "text"))
    return errors


_Location = tuple[str | int, ...]
_Text = tuple[Placed, str, _Location]


def _key_and_wrong_texts(view: BankView) -> tuple[list[_Text], list[_Text]]:
    """Texts a learner reads as candidate answers: (question, text, YAML location), keyed or not."""
    keyed: list[_Text] = []
    wrong: list[_Text] = []
    for p in view.placed:
        q = p.question
        if q.type is QuestionType.TRUEFALSE:
            (keyed if q.key == "true" else wrong).append((p, statement_of(q), ("prompt",)))
        elif q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            for n, option in enumerate(q.options or []):
                (keyed if option.id in q.keys else wrong).append((p, option.text, ("options", n, "text")))
    return keyed, wrong


def check_cue_words(rule: Rule, view: BankView) -> list[CourseDataError]:
    """No absolute that appears in wrong answers (distractors, false statements) and in no right one."""
    keyed, wrong = _key_and_wrong_texts(view)
    in_keys = Counter(w for _, text, _ in keyed for w in set(words(text)) if w in ABSOLUTES)
    errors = []
    for p, text, loc in wrong:
        for word in sorted(set(words(text)) & ABSOLUTES):
            if not in_keys[word]:
                what = "false statement" if p.question.type is QuestionType.TRUEFALSE else "wrong option"
                errors.append(p.error(
                    rule, f"this {what} says {word!r}, and no right answer in the bank does: a learner can "
                    "reject it for the word alone", f"rephrase without {word!r} (or use it in right answers "
                    "too, where the summary supports it)", *loc))
    return errors


def check_option_by_letter(rule: Rule, view: BankView) -> list[CourseDataError]:
    """No feedback, explanation, prompt or option refers to an option by letter or by place."""
    errors = []
    for p in view.placed:
        q = p.question
        fields: list[tuple[str, _Location]] = [(q.prompt, ("prompt",)), (q.explanation, ("explanation",))]
        for n, option in enumerate(q.options or []):
            fields += [(option.text, ("options", n, "text")), (option.feedback, ("options", n, "feedback"))]
        for n, item in enumerate(q.items or []):
            fields.append((item.feedback, ("items", n, "feedback")))
        for text, loc in fields:
            for pattern in _LETTER_REFS:
                found = pattern.search(plain_text(text))
                if found:
                    errors.append(p.error(
                        rule, f"{'.'.join(str(x) for x in loc)} refers to an option by letter or place "
                        f"({found.group(0)!r}), but options are shuffled for each learner",
                        "name the option by what it says instead", *loc))
                    break
    return errors


def check_summary_wording(rule: Rule, view: BankView) -> list[CourseDataError]:
    """The word-matching guesser scores at most 45 % on single choice and 60 % on true/false."""
    errors = []
    for guesser in (view.guesser, view.contrary_guesser):
        who = "avoiding" if guesser.contrary else "matching"
        for kind, limit in ((QuestionType.SINGLE, MAX_GUESSER_SINGLE),
                            (QuestionType.TRUEFALSE, MAX_GUESSER_TRUEFALSE)):
            placed = view.of_type(kind)
            right, asked = guesser.score([p.question for p in placed], kind)
            if not asked or right / asked <= limit:
                continue
            for p in placed:
                guess = guesser.guess(p.question)
                if guess is None or not guess.correct:
                    continue
                if kind is QuestionType.SINGLE:
                    where: _Location = ("options", p.option_index(guess.choice), "text")
                    fix = ("paraphrase the key (the summary's exact words belong in the explanation) or "
                           "give a distractor the summary's wording") if not guesser.contrary else (
                           "let some keys keep more of the summary's words than the distractors")
                else:
                    where = ("prompt",)
                    fix = ("judge a paraphrase or a case rather than the summary's own sentence"
                           if not guesser.contrary else "balance true statements in the summary's words "
                           "with false ones in other words")
                errors.append(p.error(
                    rule, f"a guesser {who} the summary's words picks the key {guess.choice!r} "
                    f"({guess.why}); it scores {_share_text(right, asked)} on {kind.value} questions "
                    f"(limit {limit:.0%})",
                    fix, *where))
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
                    rule, f"recall question; only {_share_text(applied, total)} questions are application "
                    f"questions (at least {MIN_APPLICATION_SHARE:.0%})", "turn recall questions into a short "
                    "case, a decision or a statement to judge (`level: application`)", "level"))
    return errors


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


# -- figures (make bench, README) -------------------------------------------------------------------
def figures(bank: dict[str, Quiz], summary: str) -> dict[str, float]:
    """The bank's test-wiseness figures, as shares (0-1) or ratios, for ``make bench`` and the README."""
    questions = [q for quiz in bank.values() for q in quiz.questions]
    singles = [q for q in questions if q.type is QuestionType.SINGLE]
    truefalse = [q for q in questions if q.type is QuestionType.TRUEFALSE]
    guesser = WordGuesser(summary)
    out: dict[str, float] = {}
    right, asked = guesser.score(questions, QuestionType.SINGLE)
    out["guesser_single"] = right / asked if asked else 0.0
    right, asked = guesser.score(questions, QuestionType.TRUEFALSE)
    out["guesser_truefalse"] = right / asked if asked else 0.0
    contrary = WordGuesser(summary, contrary=True)
    right, asked = contrary.score(questions, QuestionType.SINGLE)
    out["contrary_single"] = right / asked if asked else 0.0
    right, asked = contrary.score(questions, QuestionType.TRUEFALSE)
    out["contrary_truefalse"] = right / asked if asked else 0.0
    longest = shortest = 0
    ratios = []
    positions: Counter[int] = Counter()
    for q in singles:
        opts = q.options or []
        key_len = next(text_length(o.text) for o in opts if o.id == q.key)
        others = [text_length(o.text) for o in opts if o.id != q.key]
        longest += key_len > max(others)
        shortest += key_len < min(others)
        if q.scenario:
            ratios.append(key_len / max(others))
        positions[[o.id for o in opts].index(str(q.key))] += 1
    out["longest_key"] = longest / len(singles) if singles else 0.0
    out["shortest_key"] = shortest / len(singles) if singles else 0.0
    out["scenario_key_ratio_max"] = max(ratios, default=0.0)
    out["single_position_max"] = max(positions.values()) / len(singles) if singles else 0.0
    for position in range(max(positions, default=-1) + 1):
        out[f"single_position_{'abcdefgh'[position]}"] = positions[position] / len(singles)
    out["truefalse_true"] = sum(q.key == "true" for q in truefalse) / len(truefalse) if truefalse else 0.0
    out["application"] = sum(q.level is Level.APPLICATION for q in questions) / len(questions) if questions \
        else 0.0
    return out
