"""The practice tools' schema: a tool, its parts, the rows a part repeats for, and the fields a member of
staff fills in, as pydantic models. Loading and the checks a schema cannot make are in
:mod:`evidence_course.model.practice`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from .citations import claim_ids_in
from .schema import ID, Strict


class ToolField(Strict):
    """One thing to fill in: a line, a few lines, a tick box or one of a few choices."""

    id: str = Field(pattern=ID)
    label: str = Field(min_length=1)
    kind: Literal["line", "lines", "check", "choice", "date"] = "lines"
    hint: str | None = None
    rows: int = Field(default=3, ge=1, le=12)
    choices: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _choices_only_for_choice(self) -> ToolField:
        if self.kind == "choice" and len(self.choices) < 2:
            raise ValueError("a choice field needs at least two `choices`")
        if self.kind != "choice" and self.choices:
            raise ValueError("only a field of kind `choice` has `choices`")
        return self


class Row(Strict):
    """One row of a repeated part (e.g. one service area), optionally tied to the claim naming it."""

    id: str = Field(pattern=ID)
    title: str = Field(min_length=1)
    claim: str | None = None
    text: str | None = None


class Reveal(Strict):
    """Text shown on request (e.g. one possible rewrite), after the learner has tried."""

    summary: str = Field(min_length=1)
    text: str = Field(min_length=1)


class Part(Strict):
    """One section of a tool: guidance (Markdown) and the fields that go with it."""

    id: str = Field(pattern=ID)
    title: str = Field(min_length=1)
    scenario: str | None = None  # an illustrative scenario (fictional), shown labelled as such
    text: str | None = None
    numbered: bool = False  # number the fields as steps ("Step 1", "Step 2" ...)
    rows: list[Row] = Field(default_factory=list)
    fields: list[ToolField] = Field(default_factory=list)
    reveal: Reveal | None = None


class Tool(Strict):
    """A practice tool: what it is for, the evidence it puts into practice, and its parts."""

    id: str = Field(pattern=ID)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    content_note: str | None = None
    claims: list[str] = Field(min_length=1)
    evidence: str = Field(min_length=1)
    parts: list[Part] = Field(min_length=1)

    def field_keys(self) -> list[str]:
        """Every field as the browser stores it: ``<part>.<field>`` or ``<part>.<row>.<field>``."""
        return [key for _part, _row, _field, key in self.iter_fields()]

    def iter_fields(self) -> Iterator[tuple[Part, Row | None, ToolField, str]]:
        """Each field with its part, its row (or None) and its storage key."""
        for part in self.parts:
            rows: list[Row | None] = list(part.rows) or [None]
            for row in rows:
                for field in part.fields:
                    key = ".".join(x for x in (part.id, row.id if row else None, field.id) if x)
                    yield part, row, field, key

    def texts(self) -> Iterator[tuple[list[str | int], str]]:
        """Every piece of course-written text with its location in the file (for checks)."""
        yield ["title"], self.title
        yield ["summary"], self.summary
        if self.content_note:
            yield ["content_note"], self.content_note
        yield ["evidence"], self.evidence
        for i, part in enumerate(self.parts):
            loc: list[str | int] = ["parts", i]
            yield loc + ["title"], part.title
            if part.scenario:
                yield loc + ["scenario"], part.scenario
            if part.text:
                yield loc + ["text"], part.text
            for j, row in enumerate(part.rows):
                yield loc + ["rows", j, "title"], row.title
                if row.text:
                    yield loc + ["rows", j, "text"], row.text
            for j, field in enumerate(part.fields):
                yield loc + ["fields", j, "label"], field.label
                if field.hint:
                    yield loc + ["fields", j, "hint"], field.hint
                for k, choice in enumerate(field.choices):
                    yield loc + ["fields", j, "choices", k], choice
            if part.reveal:
                yield loc + ["reveal", "summary"], part.reveal.summary
                yield loc + ["reveal", "text"], part.reveal.text

    def cited(self) -> list[str]:
        """Claims cited anywhere in the tool (roles in its texts and row claims), in order."""
        found: list[str] = []
        for _loc, text in self.texts():
            found += claim_ids_in(text)
        found += [row.claim for part in self.parts for row in part.rows if row.claim]
        return list(dict.fromkeys(found))
