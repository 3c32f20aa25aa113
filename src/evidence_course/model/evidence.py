"""The evidence model: claims taken verbatim from the HMPPS source, loaded and validated."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .errors import CourseDataError
from .schema import Strict
from .yamlfile import line_of, load_yaml, validate

CLAIM_ID = r"^(finding|works|doesnt|context|reading)\.[a-z0-9]+(-[a-z0-9]+)*$"


class ClaimKind(StrEnum):
    """What a claim is, as the source frames it."""

    FINDING = "finding"
    WORKS = "works"
    DOESNT_WORK = "doesnt-work"
    CONTEXT = "context"
    READING = "reading"


class SourceSection(StrEnum):
    """Sections of the source page; each has a ``(source-<value>)=`` label in ``source.md``."""

    SUMMARY = "summary"
    WHAT_WORKS = "what-works"
    WHAT_DOESNT_WORK = "what-doesnt-work"
    FURTHER_READING = "further-reading"
    ABOUT = "about"

    @property
    def label(self) -> str:
        """The MyST label of the section in the book's copy of the source."""
        return f"source-{self.value}"

    @property
    def title(self) -> str:  # type: ignore[override]  # the section's title, not str.title()
        """How the section is named to readers."""
        return {
            "summary": "Summary",
            "what-works": "What do we know works well?",
            "what-doesnt-work": "What do we know doesn’t work well?",
            "further-reading": "Further reading",
            "about": "About the evidence",
        }[self.value]


#: Which id prefix goes with which kind (``doesnt.`` is short for ``doesnt-work``).
PREFIX_FOR_KIND = {
    ClaimKind.FINDING: "finding",
    ClaimKind.WORKS: "works",
    ClaimKind.DOESNT_WORK: "doesnt",
    ClaimKind.CONTEXT: "context",
    ClaimKind.READING: "reading",
}


class Claim(Strict):
    """One statement of the source, quoted exactly."""

    id: str = Field(pattern=CLAIM_ID)
    kind: ClaimKind
    section: SourceSection
    label: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    bib: str | None = None

    @field_validator("quote", "label")
    @classmethod
    def _no_outer_space(cls, value: str) -> str:
        if value != value.strip():
            raise ValueError("must not start or end with spaces")
        return value

    @property
    def anchor(self) -> str:
        """HTML id of the claim on the book's claims page."""
        return "claim-" + re.sub(r"[^a-z0-9]+", "-", self.id)


class ClaimFile(BaseModel):
    """The whole ``claims.yml``."""

    model_config = ConfigDict(extra="forbid")

    claims: list[Claim] = Field(min_length=1)


def load_claims(path: Path, source_path: Path) -> dict[str, Claim]:
    """Load and check ``claims.yml``: schema, unique ids, prefix matching kind, quote in the source.

    Raises :class:`CourseDataError` naming the file, line and claim id of the first problem.
    """
    doc = load_yaml(path)
    parsed = validate(ClaimFile, doc, path, "claims")
    source = source_text(source_path)
    claims: dict[str, Claim] = {}
    for index, claim in enumerate(parsed.claims):
        line = line_of(doc, ["claims", index])
        if claim.id in claims:
            raise CourseDataError(
                path, line, "duplicate claim id", item=claim.id, fix="give each claim its own id"
            )
        prefix = PREFIX_FOR_KIND[claim.kind]
        if not claim.id.startswith(prefix + "."):
            raise CourseDataError(
                path,
                line,
                f"kind {claim.kind.value!r} needs an id starting {prefix + '.'!r}",
                item=claim.id,
                fix="rename the claim or correct its kind",
            )
        if claim.kind is ClaimKind.READING and not claim.bib:
            raise CourseDataError(
                path, line, "a reading claim needs a bib key", item=claim.id,
                fix="add `bib:` with the key of the entry in book/references.bib",
            )
        if claim.quote not in source:
            raise CourseDataError(
                path,
                line_of(doc, ["claims", index, "quote"]),
                f"quote does not occur verbatim in {source_path.name}",
                item=claim.id,
                fix="copy the words exactly from the source, including punctuation",
            )
        claims[claim.id] = claim
    return claims


def source_text(path: Path) -> str:
    """The source page text as stored (quotes are matched against it verbatim)."""
    return path.read_text(encoding="utf-8")
