"""The facilitator kit's data: learning outcomes, session plans, discussion prompts and scenarios.

Four YAML files in ``facilitation/`` (data, kept apart from code) are validated with pydantic (the
models are in :mod:`evidence_course.model.kit_schema`) through the line-aware helpers of
:mod:`evidence_course.model.yamlfile`, then cross-checked (:mod:`evidence_course.model.kit_checks`)
against the rest of the course: chapters
must be in ``_toc.yml``, quizzes in the bank, claims in ``evidence/claims.yml``, segment minutes must
add up to the session's length, every scenario's notes must cite exactly the claims it lists, practice
tools and quiz questions named by a session must exist (each question in a quiz the segment lists), and
the text follows the course's wording rules
(:mod:`evidence_course.model.wording`). Every problem is reported as
``file:line: [item id] problem. Fix: ...``.

Used by the book's Sphinx directives (:mod:`evidence_course.sphinx_ext.kit`), the printable handouts
(:mod:`evidence_course.render.handouts`) and the live workshop presenter.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .citations import claim_ids_in, plain_citations
from .course import Course
from .errors import CourseDataError, CourseDataErrors
from .kit_checks import EVIDENCE_CHAPTERS, KitChecker
from .kit_schema import (
    ChapterPrompts,
    Kit,
    Outcome,
    OutcomeFile,
    Prompt,
    PromptFile,
    Scenario,
    ScenarioFile,
    Segment,
    Session,
    SessionFile,
)
from .yamlfile import load_yaml, validate

FILES = {
    "outcomes": "outcomes.yml",
    "sessions": "sessions.yml",
    "prompts": "prompts.yml",
    "scenarios": "scenarios.yml",
}


def in_course_order(bank: dict[str, Any], toc_path: Path) -> list[Any]:
    """The quizzes of ``bank`` in the order readers meet their chapters (``toc_path``); others last."""
    from .chapters import toc_docnames

    order = {name: i for i, name in enumerate(toc_docnames(toc_path))}
    return sorted(bank.values(), key=lambda quiz: (order.get(quiz.chapter, len(order)), quiz.id))


def load_kit(
    course: Course,
    directory: Path | None = None,
    *,
    claim_ids: Iterable[str] | None = None,
    quiz_ids: Iterable[str] | None = None,
    tool_ids: Iterable[str] | None = None,
    question_quizzes: dict[str, str] | None = None,
) -> Kit:
    """Load the four kit files from ``directory`` (default: the course's) and check them against it.

    ``claim_ids``/``quiz_ids``/``tool_ids`` replace the course's claims, quizzes and practice tools,
    and ``question_quizzes`` (question id -> its quiz id) the bank's questions (for tests).
    Raises :class:`CourseDataError` (one problem) or :class:`CourseDataErrors` (several).
    """
    from .bank import load_bank
    from .chapters import toc_docnames

    directory = directory or course.facilitation_dir
    claim_ids = course.claims.keys() if claim_ids is None else claim_ids
    bank = load_bank(course.quiz_dir) if quiz_ids is None or question_quizzes is None else {}
    quiz_ids = bank.keys() if quiz_ids is None else quiz_ids
    if question_quizzes is None:
        question_quizzes = {q.id: quiz.id for quiz in bank.values() for q in quiz.questions}
    tool_ids = [p.stem for p in course.practice_dir.glob("*.yml")] if tool_ids is None else tool_ids
    checker = KitChecker(set(claim_ids), set(quiz_ids), set(toc_docnames(course.toc_file)), set(tool_ids))
    checker.question_quizzes = question_quizzes
    paths = {name: directory / filename for name, filename in FILES.items()}
    docs: dict[str, Any] = {}
    parsed: dict[str, Any] = {}
    models: dict[str, type[BaseModel]] = {"outcomes": OutcomeFile, "sessions": SessionFile,
                                          "prompts": PromptFile, "scenarios": ScenarioFile}
    for name, path in paths.items():
        try:
            docs[name] = load_yaml(path)
            parsed[name] = validate(models[name], docs[name], path, name)
        except (CourseDataError, CourseDataErrors) as exc:
            checker.collect(exc)
    checker.raise_errors()
    kit = Kit(
        outcomes={o.id: o for o in parsed["outcomes"].outcomes},
        sessions={s.id: s for s in parsed["sessions"].sessions},
        prompts={c.chapter: list(c.prompts) for c in parsed["prompts"].chapters},
        scenarios={s.id: s for s in parsed["scenarios"].scenarios},
        paths=paths,
    )
    checker.check(kit, parsed, docs, paths)
    checker.raise_errors()
    return kit


__all__ = [
    "EVIDENCE_CHAPTERS", "ChapterPrompts", "Kit", "Outcome", "Prompt", "Scenario",
    "Segment", "Session", "claim_ids_in", "in_course_order", "load_kit", "plain_citations",
]
