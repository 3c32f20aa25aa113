"""The quiz bank: one YAML file per quiz in ``quizzes/``, validated into pydantic models.

The format is described in ``docs/CONVENTIONS.md``. :func:`load_bank` checks the schema and then what a
schema cannot (:mod:`evidence_course.model.bank_checks`): keys among the options, unique ids across the
bank, claims that exist, sections that a chapter labels. Every problem is reported with file, line,
``quiz/question`` id and the fix.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import Field

from .schema import Strict

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
FORMAT_HINT = "see the quiz bank format in docs/CONVENTIONS.md"
#: Estimated minutes per question when a quiz gives no ``minutes:``.
MINUTES_PER_QUESTION = 1.5


class QuestionType(StrEnum):
    """The four kinds of question."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUEFALSE = "truefalse"
    CATEGORISE = "categorise"


class Level(StrEnum):
    """What a question asks of the learner: to recall the summary, or to apply it (a case, a decision,
    a statement to judge). At least half the bank is application (``model/item_rules/``)."""

    RECALL = "recall"
    APPLICATION = "application"


class Option(Strict):
    """One answer option of a single/multiple/truefalse question."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    claims: list[str] = Field(default_factory=list)


class Category(Strict):
    """A group that categorise items are sorted into."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)


class Item(Strict):
    """A thing to sort; ``category`` is its key."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    category: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    claims: list[str] = Field(default_factory=list)


class Question(Strict):
    """One question. Choice questions have ``options``/``key``; categorise has ``categories``/``items``."""

    id: str = Field(pattern=ID_PATTERN)
    type: QuestionType
    level: Level
    prompt: str = Field(min_length=1)
    scenario: str | None = None
    options: list[Option] | None = None
    key: str | list[str] | None = None
    categories: list[Category] | None = None
    items: list[Item] | None = None
    explanation: str = Field(min_length=1)
    claims: list[str] = Field(min_length=1)
    section: str = Field(min_length=1)

    @property
    def keys(self) -> list[str]:
        """The key as a list of option ids (empty for categorise)."""
        if self.key is None:
            return []
        return [self.key] if isinstance(self.key, str) else list(self.key)

    @property
    def content_hash(self) -> str:
        """Short hash of everything in the question: stored progress is dropped when it changes."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    @property
    def all_claims(self) -> list[str]:
        """Claims of the question and of its options/items, in order, without repeats."""
        found = list(self.claims)
        for part in (self.options or []) + (self.items or []):
            found += [c for c in part.claims if c not in found]
        return list(dict.fromkeys(found))


class Quiz(Strict):
    """One quiz file."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    chapter: str = Field(min_length=1)
    intro: str | None = None
    minutes: float | None = Field(default=None, gt=0)
    questions: list[Question] = Field(min_length=1)

    @property
    def estimated_minutes(self) -> float:
        """The course's estimate of the time the quiz takes (``minutes:`` or 1.5 per question)."""
        return self.minutes if self.minutes is not None else MINUTES_PER_QUESTION * len(self.questions)


@dataclass(frozen=True)
class QuestionRef:
    """Where a question lives in the bank."""

    quiz: Quiz
    question: Question
    path: Path
    line: int | None


def load_bank(
    quiz_dir: Path,
    *,
    claim_ids: Iterable[str] | None = None,
    section_labels: Iterable[str] | None = None,
) -> dict[str, Quiz]:
    """Load and check every ``*.yml`` quiz in ``quiz_dir``, by quiz id (sorted by id).

    ``claim_ids`` and ``section_labels``, when given, are what questions may cite and point to (the
    course passes its claims and its chapters' labels: :meth:`Course.bank`); left out, that check is
    skipped (fixtures). Raises :class:`CourseDataError` (one problem) or :class:`CourseDataErrors`.
    """
    from .bank_checks import BankChecker

    checker = BankChecker(set(claim_ids) if claim_ids is not None else None,
                          set(section_labels) if section_labels is not None else None)
    bank: dict[str, Quiz] = {}
    for path in sorted(quiz_dir.glob("*.yml")):
        quiz = checker.load_file(path)
        if quiz is not None:
            bank[quiz.id] = quiz
    checker.raise_errors()
    return bank


def question_index(bank: dict[str, Quiz]) -> dict[str, tuple[Quiz, Question]]:
    """Every question of ``bank`` by its id, with the quiz that holds it."""
    return {q.id: (quiz, q) for quiz in bank.values() for q in quiz.questions}


#: The fix a schema error names, by the field that is missing or wrong (others: FORMAT_HINT).
_FIXES = {
    "feedback": "add `feedback:` saying what this choice shows the learner (every option and item "
                "needs one)",
    "explanation": "add `explanation:` saying why the answer is right",
    "claims": "add `claims:` listing at least one claim id from evidence/claims.yml",
    "section": "add `section:` with the label of the chapter section that teaches this",
    "level": "add `level: recall` (asks what the summary says) or `level: application` (a case, a "
             "decision or a statement to judge)",
    "options": "add at least two options, each with id, text and feedback",
    "questions": "add at least one question",
}
