"""The facilitator kit's schema: learning outcomes, session plans, discussion prompts and scenarios as
pydantic models (one per entry, one per file), and :class:`Kit`, the four files loaded together.

Loading and the checks a schema cannot make are in :mod:`evidence_course.model.kit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field

from .schema import ID, Strict


class Outcome(Strict):
    """One learning outcome, mapped to the chapters that teach it and the quizzes that check it."""

    id: str = Field(pattern=r"^lo-[a-z0-9-]+$")
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    chapters: list[str] = Field(min_length=1)
    quizzes: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)


class Segment(Strict):
    """One timed part of a session plan."""

    minutes: int = Field(gt=0)
    activity: str = Field(min_length=1)
    details: str = ""
    materials: list[str] = Field(default_factory=list)
    outcomes: list[str] = Field(default_factory=list)
    chapters: list[str] = Field(default_factory=list)
    quizzes: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    scenarios: list[str] = Field(default_factory=list)
    prompts: list[str] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list)


class Session(Strict):
    """A session plan: its total length and the segments that fill it."""

    id: str = Field(pattern=ID)
    title: str = Field(min_length=1)
    minutes: int = Field(gt=0)
    audience: str = ""
    segments: list[Segment] = Field(min_length=1)


class Prompt(Strict):
    """A discussion prompt for one chapter."""

    id: str = Field(pattern=ID)
    text: str = Field(min_length=1)
    claims: list[str] = Field(min_length=1)
    note: str | None = None


class ChapterPrompts(Strict):
    """The prompts of one chapter."""

    chapter: str = Field(min_length=1)
    prompts: list[Prompt] = Field(min_length=1)


class Scenario(Strict):
    """An illustrative, fictional scenario with facilitator notes that cite the evidence."""

    id: str = Field(pattern=r"^sc-[a-z0-9-]+$")
    title: str = Field(min_length=1)
    setting: Literal["prison", "probation", "both"]
    chapters: list[str] = Field(default_factory=list)
    text: str = Field(min_length=1)
    questions: list[str] = Field(min_length=1)
    claims: list[str] = Field(min_length=1)
    notes: str = Field(min_length=1)


class OutcomeFile(Strict):
    """``outcomes.yml``."""

    outcomes: list[Outcome] = Field(min_length=1)


class SessionFile(Strict):
    """``sessions.yml``."""

    sessions: list[Session] = Field(min_length=1)


class PromptFile(Strict):
    """``prompts.yml``: the prompts, chapter by chapter."""

    chapters: list[ChapterPrompts] = Field(min_length=1)


class ScenarioFile(Strict):
    """``scenarios.yml``."""

    scenarios: list[Scenario] = Field(min_length=1)


@dataclass
class Kit:
    """The whole facilitator kit, checked."""

    outcomes: dict[str, Outcome]
    sessions: dict[str, Session]
    prompts: dict[str, list[Prompt]]
    scenarios: dict[str, Scenario]
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def prompt_index(self) -> dict[str, Prompt]:
        """Every prompt by id."""
        return {p.id: p for prompts in self.prompts.values() for p in prompts}

    def files(self) -> list[Path]:
        """The YAML files the kit was read from (for build dependencies)."""
        return list(self.paths.values())
