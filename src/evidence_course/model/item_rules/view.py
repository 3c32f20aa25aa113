"""The bank as the rules see it (each question placed in its file, for line numbers), and what a rule is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..bank import Question, QuestionType, Quiz
from ..errors import CourseDataError
from ..yamlfile import line_of, load_yaml
from .guesser import WordGuesser


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


def share_text(count: int, total: int) -> str:
    """``count`` of ``total`` as error messages give it: "3 of 10 = 30%" (or "none" of nothing)."""
    return f"{count} of {total} = {count / total:.0%}" if total else "none"
