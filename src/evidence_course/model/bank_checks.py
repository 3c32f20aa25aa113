"""What the quiz bank's schema cannot check: keys among the options, unique ids across the bank, claims
that exist, sections that a chapter labels, the shape each question type needs.

:func:`evidence_course.model.bank.load_bank` runs a :class:`BankChecker` over every quiz file; every
problem is collected with its file, line, ``quiz/question`` id and fix, and all are raised together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .bank import _FIXES, FORMAT_HINT, Category, Item, Option, Question, QuestionType, Quiz
from .errors import CourseDataError, CourseDataErrors
from .yamlfile import Loc, Problems, line_of, load_yaml, validate


class BankChecker(Problems):
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
    QuestionType.SINGLE: BankChecker.check_choice,
    QuestionType.MULTIPLE: BankChecker.check_choice,
    QuestionType.TRUEFALSE: BankChecker.check_choice,
    QuestionType.CATEGORISE: BankChecker.check_categorise,
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
