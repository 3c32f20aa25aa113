"""The test-wise guesser: a learner who answers by matching (or avoiding) the summary's words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..bank import Question, QuestionType
from .text import content_words, statement_of


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
