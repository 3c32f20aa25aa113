"""Rules on what a question's words give away: "all/none of the above", absolutes that only wrong
answers carry, options named by letter or place, and the summary's own wording."""

from __future__ import annotations

import re
from collections import Counter

from ..bank import QuestionType
from ..errors import CourseDataError
from .limits import MAX_GUESSER_SINGLE, MAX_GUESSER_TRUEFALSE
from .text import plain_text, statement_of, words
from .view import BankView, Placed, Rule, share_text

#: Absolutes ("specific determiners", guideline 28a) that must not be carried by wrong answers only.
ABSOLUTES = frozenset({
    "always", "never", "only", "all", "none", "every", "completely", "entirely", "absolutely",
    "guaranteed", "guarantee", "guarantees", "proven", "proves", "proof", "definitely", "certainly",
})

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
                    f"({guess.why}); it scores {share_text(right, asked)} on {kind.value} questions "
                    f"(limit {limit:.0%})",
                    fix, *where))
    return errors
