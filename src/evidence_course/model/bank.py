"""The quiz bank: one YAML file per quiz in ``quizzes/``, validated into pydantic models.

The format is described in ``docs/CONVENTIONS.md``. :func:`load_bank` checks the schema and then what a
schema cannot: keys among the options, unique ids across the bank, claims that exist, sections that a
chapter labels. Every problem is reported with file, line, ``quiz/question`` id and the fix.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .errors import CourseDataError, CourseDataErrors
from .yamlfile import Loc, Problems, line_of, load_yaml, validate

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer option of a single/multiple/truefalse question."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    claims: list[str] = Field(default_factory=list)


class Category(_Strict):
    """A group that categorise items are sorted into."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)


class Item(_Strict):
    """A thing to sort; ``category`` is its key."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    category: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    claims: list[str] = Field(default_factory=list)


class Question(_Strict):
    """One question. Choice questions have ``options``/``key``; categorise has ``categories``/``items``."""

    id: str = Field(pattern=ID_PATTERN)
    type: QuestionType
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


class Quiz(_Strict):
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
    checker = _Checker(set(claim_ids) if claim_ids is not None else None,
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


class _Checker(Problems):
    """Collects every problem of the bank in one pass."""

    def __init__(self, claim_ids: set[str] | None, labels: set[str] | None) -> None:
        super().__init__()
        self.claim_ids = claim_ids
        self.labels = labels
        self.seen_questions: dict[str, tuple[Path, int | None]] = {}

    def load_file(self, path: Path) -> Quiz | None:
        try:
            doc = load_yaml(path)
        except CourseDataError as exc:
            self.collect(exc)
            return None
        quiz_id = doc.get("id") if isinstance(doc, dict) else None
        quiz_id = quiz_id if isinstance(quiz_id, str) else path.stem
        if not self._pre_check(doc, path, quiz_id):
            return None
        try:
            quiz = validate(Quiz, doc, path, "quiz", bools_as_text=True, fix=FORMAT_HINT, fixes=_FIXES,
                            item=lambda loc: _loc_item(doc, loc, quiz_id))
        except (CourseDataError, CourseDataErrors) as exc:
            self.collect(exc)
            return None
        before = len(self.errors)
        self._check_quiz(quiz, doc, path)
        return quiz if len(self.errors) == before else None

    def _pre_check(self, doc: Any, path: Path, quiz_id: str) -> bool:
        """Faults whose schema message would be unhelpful: not a mapping, unknown question type."""
        if not isinstance(doc, dict):
            self.errors.append(CourseDataError(path, 1, "a quiz file must be a mapping", item=quiz_id,
                                               fix=FORMAT_HINT))
            return False
        ok = True
        for index, raw in enumerate(doc.get("questions") or []):
            if not isinstance(raw, dict):
                continue
            kind = raw.get("type")
            if kind not in set(QuestionType):
                self.fail(path, doc, ["questions", index, "type"], _qitem(quiz_id, raw),
                          f"unknown question type {kind!r}",
                          "use one of: " + ", ".join(t.value for t in QuestionType))
                ok = False
        return ok

    def _check_quiz(self, quiz: Quiz, doc: Any, path: Path) -> None:
        if quiz.id != path.stem:
            self.fail(path, doc, ["id"], quiz.id, f"quiz id {quiz.id!r} differs from the file name",
                      f"set `id: {path.stem}` or rename the file to {quiz.id}.yml")
        for index, question in enumerate(quiz.questions):
            loc: list[str | int] = ["questions", index]
            item = f"{quiz.id}/{question.id}"
            seen = self.seen_questions.get(question.id)
            if seen:
                self.fail(path, doc, loc + ["id"], item, "duplicate question id (also at "
                          f"{seen[0]}:{seen[1]})", "question ids must be unique across the whole bank")
            else:
                self.seen_questions[question.id] = (path, line_of(doc, loc + ["id"]))
            check = _TYPE_CHECKS[question.type]
            check(self, question, doc, path, loc, item)
            self._check_refs(question, doc, path, loc, item)

    def _check_refs(self, question: Question, doc: Any, path: Path, loc: list[str | int], item: str) -> None:
        for n, claim in enumerate(question.claims):
            if self.claim_ids is not None and claim not in self.claim_ids:
                self.fail(path, doc, loc + ["claims", n], item, f"unknown claim id {claim!r}",
                          "use an id from evidence/claims.yml")
        for field in ("options", "items"):
            for i, part in enumerate(getattr(question, field) or []):
                for n, claim in enumerate(part.claims):
                    if self.claim_ids is not None and claim not in self.claim_ids:
                        self.fail(path, doc, loc + [field, i, "claims", n], item,
                                  f"unknown claim id {claim!r} in {field[:-1]} {part.id!r}",
                                  "use an id from evidence/claims.yml")
        if self.labels is not None and question.section not in self.labels:
            self.fail(path, doc, loc + ["section"], item, f"unknown section label {question.section!r}",
                      "use a label that a chapter puts before a heading, e.g. `(what-works-holistic)=` "
                      "(see docs/section-labels.md)")

    def _unique(self, parts: Sequence[Option | Category | Item], doc: Any, path: Path, loc: list[str | int],
                item: str, what: str) -> set[str]:
        ids: set[str] = set()
        for i, part in enumerate(parts):
            if part.id in ids:
                self.fail(path, doc, loc + [i, "id"], item, f"duplicate {what} id {part.id!r}",
                          f"give each {what} of the question its own id")
            ids.add(part.id)
        return ids

    def _forbid(self, question: Question, doc: Any, path: Path, loc: list[str | int], item: str,
                fields: tuple[str, ...]) -> None:
        for field in fields:
            if getattr(question, field) is not None:
                self.fail(path, doc, loc + [field], item,
                          f"a {question.type.value} question has no `{field}`",
                          f"remove `{field}` (or change the question's type)")

    def check_choice(self, question: Question, doc: Any, path: Path, loc: list[str | int], item: str) -> None:
        self._forbid(question, doc, path, loc, item, ("categories", "items"))
        if not question.options:
            self.fail(path, doc, loc + ["options"], item, "the question has no options",
                      "add at least two options, each with id, text and feedback")
            return
        ids = self._unique(question.options, doc, path, loc + ["options"], item, "option")
        kind = question.type
        if kind is QuestionType.TRUEFALSE and ids != {"true", "false"}:
            self.fail(path, doc, loc + ["options"], item, "a truefalse question's options must have "
                      "the ids 'true' and 'false'", "use exactly two options: `id: true` and `id: false`")
        if len(question.options) < 2:
            self.fail(path, doc, loc + ["options"], item, "the question has only one option",
                      "add at least one more option")
        if question.key is None:
            self.fail(path, doc, loc, item, "the question has no `key`",
                      "add `key:` with the id of the right option(s)")
            return
        if kind is QuestionType.MULTIPLE:
            if "select all that apply" in question.prompt.lower():
                self.fail(path, doc, loc + ["prompt"], item, "the prompt says 'select all that apply'",
                          "remove it: every renderer adds that hint to multiple questions itself")
            if isinstance(question.key, str):
                self.fail(path, doc, loc + ["key"], item, "a multiple question's key must be a list",
                          f"write `key: [{question.key}]`")
                return
            if not question.key:
                self.fail(path, doc, loc + ["key"], item, "a multiple question's key is empty",
                          "list at least one right option id, or make it a single question")
                return
            if len(set(question.key)) != len(question.key):
                self.fail(path, doc, loc + ["key"], item, "the key lists an option twice",
                          "list each right option once")
        elif not isinstance(question.key, str):
            self.fail(path, doc, loc + ["key"], item,
                      f"a {kind.value} question has one key, not {len(question.key)}",
                      "give one option id, or make it a `multiple` question")
            return
        for key in question.keys:
            if key not in ids:
                self.fail(path, doc, loc + ["key"], item, f"key {key!r} is not among the options "
                          f"({', '.join(sorted(ids))})", "use the id of one of the question's options")

    def check_categorise(self, question: Question, doc: Any, path: Path, loc: list[str | int],
                         item: str) -> None:
        self._forbid(question, doc, path, loc, item, ("options", "key"))
        if not question.categories or len(question.categories) < 2:
            self.fail(path, doc, loc + ["categories"], item, "a categorise question needs two or more "
                      "categories", "add `categories:` with at least two entries (id, text)")
            return
        if not question.items:
            self.fail(path, doc, loc + ["items"], item, "a categorise question has no items",
                      "add `items:` (id, text, category, feedback)")
            return
        cats = self._unique(question.categories, doc, path, loc + ["categories"], item, "category")
        self._unique(question.items, doc, path, loc + ["items"], item, "item")
        for i, entry in enumerate(question.items):
            if entry.category not in cats:
                self.fail(path, doc, loc + ["items", i, "category"], item,
                          f"item {entry.id!r} has category {entry.category!r}, which is not among the "
                          f"categories ({', '.join(sorted(cats))})", "use the id of one of the categories")


_TYPE_CHECKS: dict[QuestionType, Callable[..., None]] = {
    QuestionType.SINGLE: _Checker.check_choice,
    QuestionType.MULTIPLE: _Checker.check_choice,
    QuestionType.TRUEFALSE: _Checker.check_choice,
    QuestionType.CATEGORISE: _Checker.check_categorise,
}

_FIXES = {
    "feedback": "add `feedback:` saying what this choice shows the learner (every option and item "
                "needs one)",
    "explanation": "add `explanation:` saying why the answer is right",
    "claims": "add `claims:` listing at least one claim id from evidence/claims.yml",
    "section": "add `section:` with the label of the chapter section that teaches this",
    "options": "add at least two options, each with id, text and feedback",
    "questions": "add at least one question",
}


def _loc_item(doc: Any, loc: Loc, quiz_id: str) -> str:
    """``quiz/question`` for a location inside a question, else the quiz id (for schema errors)."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        raw = (doc.get("questions") or [None] * (loc[1] + 1))[loc[1]]
        return _qitem(quiz_id, raw)
    return quiz_id


def _qitem(quiz_id: str, raw: Any) -> str:
    qid = raw.get("id") if isinstance(raw, dict) else None
    return f"{quiz_id}/{qid}" if qid else quiz_id
