"""The facilitator kit's data: learning outcomes, session plans, discussion prompts and scenarios.

Four YAML files in ``facilitation/`` (data, kept apart from code) are validated with pydantic (the
models are in :mod:`evidence_course.model.kit_schema`) through the line-aware helpers of
:mod:`evidence_course.model.yamlfile`, then cross-checked against the rest of the course: chapters
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

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import wording
from .citations import claim_ids_in, plain_citations
from .course import Course
from .errors import CourseDataError, CourseDataErrors
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
from .yamlfile import Problems, load_yaml, validate

FILES = {
    "outcomes": "outcomes.yml",
    "sessions": "sessions.yml",
    "prompts": "prompts.yml",
    "scenarios": "scenarios.yml",
}
#: The evidence chapters that must each have discussion prompts.
EVIDENCE_CHAPTERS = (
    "book/health-and-harms",
    "book/who-the-evidence-is-about",
    "book/what-works",
    "book/what-doesnt-work",
    "book/putting-it-into-practice",
)
MIN_SCENARIOS = 4
#: A timing inside a segment's details: "(8 minutes)", "(12 minutes for the three)".
INNER_MINUTES = re.compile(r"\((\d+)\s+minutes?\b[^)]*\)")


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
    checker = _Checker(set(claim_ids), set(quiz_ids), set(toc_docnames(course.toc_file)), set(tool_ids))
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


class _Checker(Problems):
    """Cross-checks between the kit files and the course; collects every problem."""

    def __init__(self, claim_ids: set[str], quiz_ids: set[str], docnames: set[str],
                 tool_ids: set[str] | None = None) -> None:
        super().__init__()
        self.claim_ids = claim_ids
        self.quiz_ids = quiz_ids
        self.docnames = docnames
        self.tool_ids = tool_ids or set()
        self.question_quizzes: dict[str, str] = {}  # question id -> the quiz it belongs to

    def refs(self, path: Path, doc: Any, loc: list[str | int], item: str, values: Iterable[str],
             known: set[str], what: str, fix: str) -> None:
        for n, value in enumerate(values):
            if value not in known:
                self.fail(path, doc, loc + [n], item, f"unknown {what} {value!r}", fix)

    def chapters(self, path: Path, doc: Any, loc: list[str | int], item: str, values: Iterable[str]) -> None:
        self.refs(path, doc, loc, item, values, self.docnames, "chapter",
                  "use a docname listed in _toc.yml, e.g. book/what-works")

    def claims(self, path: Path, doc: Any, loc: list[str | int], item: str, values: Iterable[str]) -> None:
        self.refs(path, doc, loc, item, values, self.claim_ids, "claim id",
                  "use an id from evidence/claims.yml")

    def cited(self, path: Path, doc: Any, loc: list[str | int], item: str, text: str | None) -> None:
        for claim in claim_ids_in(text):
            if claim not in self.claim_ids:
                self.fail(path, doc, loc, item, f"unknown claim id {claim!r} cited",
                          "cite an id from evidence/claims.yml")

    def words(self, path: Path, doc: Any, loc: list[str | int], item: str, text: str | None) -> None:
        found = wording.BANNED.search(text or "")
        if found:
            self.fail(path, doc, loc, item, f"wording {found.group(0)!r} is not used in the course",
                      "no percentages or statistics (the source has none); use respectful words such "
                      "as 'people who sell sex' or 'people involved in sex work'")
        for problem in wording.problems(text or ""):
            self.fail(path, doc, loc, item, f"wording rule {problem.rule}: {problem.found!r}", problem.fix)

    def check(self, kit: Kit, parsed: dict[str, Any], docs: dict[str, Any], paths: dict[str, Path]) -> None:
        self._outcomes(parsed["outcomes"], docs["outcomes"], paths["outcomes"])
        self._prompts(parsed["prompts"], docs["prompts"], paths["prompts"])
        self._scenarios(parsed["scenarios"], docs["scenarios"], paths["scenarios"])
        self._sessions(kit, parsed["sessions"], docs["sessions"], paths["sessions"])

    def _unique(self, path: Path, doc: Any, top: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                self.fail(path, doc, [top, index, "id"], item_id, "duplicate id",
                          "give each entry its own id")
            seen.add(item_id)

    def _outcomes(self, data: OutcomeFile, doc: Any, path: Path) -> None:
        self._unique(path, doc, "outcomes", [o.id for o in data.outcomes])
        for i, outcome in enumerate(data.outcomes):
            loc: list[str | int] = ["outcomes", i]
            self.chapters(path, doc, loc + ["chapters"], outcome.id, outcome.chapters)
            self.refs(path, doc, loc + ["quizzes"], outcome.id, outcome.quizzes, self.quiz_ids, "quiz id",
                      "use the id of a quiz in quizzes/ (its file name without .yml)")
            self.claims(path, doc, loc + ["claims"], outcome.id, outcome.claims)
            self.words(path, doc, loc + ["text"], outcome.id, outcome.text)

    def _prompts(self, data: PromptFile, doc: Any, path: Path) -> None:
        chapters = [c.chapter for c in data.chapters]
        for i, chapter in enumerate(chapters):
            if chapters.index(chapter) != i:
                self.fail(path, doc, ["chapters", i, "chapter"], chapter, "chapter listed twice",
                          "put all of a chapter's prompts under one entry")
        for missing in sorted(set(EVIDENCE_CHAPTERS) - set(chapters)):
            self.fail(path, doc, ["chapters"], missing, "no discussion prompts for this chapter",
                      f"add an entry `- chapter: {missing}` with prompts")
        seen: dict[str, int] = {}
        for i, entry in enumerate(data.chapters):
            if entry.chapter not in self.docnames:
                self.fail(path, doc, ["chapters", i, "chapter"], entry.chapter, "unknown chapter",
                          "use a docname listed in _toc.yml, e.g. book/what-works")
            for j, prompt in enumerate(entry.prompts):
                loc: list[str | int] = ["chapters", i, "prompts", j]
                if prompt.id in seen:
                    self.fail(path, doc, loc + ["id"], prompt.id, "duplicate prompt id",
                              "prompt ids must be unique across the file")
                seen[prompt.id] = j
                self.claims(path, doc, loc + ["claims"], prompt.id, prompt.claims)
                self.cited(path, doc, loc + ["note"], prompt.id, prompt.note)
                for name in ("text", "note"):
                    self.words(path, doc, loc + [name], prompt.id, getattr(prompt, name))

    def _scenarios(self, data: ScenarioFile, doc: Any, path: Path) -> None:
        self._unique(path, doc, "scenarios", [s.id for s in data.scenarios])
        if len(data.scenarios) < MIN_SCENARIOS:
            self.fail(path, doc, ["scenarios"], None, f"only {len(data.scenarios)} scenarios",
                      f"the kit needs at least {MIN_SCENARIOS} illustrative scenarios")
        for i, scenario in enumerate(data.scenarios):
            loc: list[str | int] = ["scenarios", i]
            self.chapters(path, doc, loc + ["chapters"], scenario.id, scenario.chapters)
            self.claims(path, doc, loc + ["claims"], scenario.id, scenario.claims)
            cited = claim_ids_in(scenario.notes)
            self.cited(path, doc, loc + ["notes"], scenario.id, scenario.notes)
            if not cited:
                self.fail(path, doc, loc + ["notes"], scenario.id, "the notes cite no claim",
                          "say what the evidence says and cite it with {claim}`id`")
            for claim in scenario.claims:
                if claim not in cited:
                    self.fail(path, doc, loc + ["claims"], scenario.id,
                              f"claim {claim!r} is listed but not cited in the notes",
                              "cite it in the notes with {claim}`" + claim + "` or remove it from claims")
            for claim in cited:
                if claim not in scenario.claims:
                    self.fail(path, doc, loc + ["notes"], scenario.id,
                              f"the notes cite {claim!r}, which is not in the scenario's claims",
                              f"add {claim} to `claims:`")
            texts = {"title": scenario.title, "text": scenario.text, "notes": scenario.notes}
            texts |= {f"questions.{n}": q for n, q in enumerate(scenario.questions)}
            for name, text in texts.items():
                where: list[str | int] = [int(p) if p.isdigit() else p for p in name.split(".")]
                self.words(path, doc, loc + where, scenario.id, text)

    def _sessions(self, kit: Kit, data: SessionFile, doc: Any, path: Path) -> None:
        self._unique(path, doc, "sessions", [s.id for s in data.sessions])
        prompt_ids = set(kit.prompt_index)
        for i, session in enumerate(data.sessions):
            loc: list[str | int] = ["sessions", i]
            total = sum(s.minutes for s in session.segments)
            if total != session.minutes:
                self.fail(path, doc, loc + ["minutes"], session.id,
                          f"the segments add up to {total} minutes, not {session.minutes}",
                          "adjust the segments' minutes or the session's length")
            served: set[str] = set()
            for j, seg in enumerate(session.segments):
                sloc: list[str | int] = loc + ["segments", j]
                item = f"{session.id}/{seg.activity}"
                self.refs(path, doc, sloc + ["outcomes"], item, seg.outcomes, set(kit.outcomes),
                          "outcome id", "use an id from facilitation/outcomes.yml")
                self.chapters(path, doc, sloc + ["chapters"], item, seg.chapters)
                self.refs(path, doc, sloc + ["quizzes"], item, seg.quizzes, self.quiz_ids, "quiz id",
                          "use the id of a quiz in quizzes/")
                self._questions(path, doc, sloc + ["questions"], item, seg)
                inner = [int(m) for m in INNER_MINUTES.findall(seg.details)]
                if inner and sum(inner) != seg.minutes:
                    self.fail(path, doc, sloc + ["details"], item,
                              f"the timings in the details add up to {sum(inner)} minutes, not {seg.minutes}",
                              "make the '(N minutes)' in the details add up to the segment's minutes")
                self.refs(path, doc, sloc + ["scenarios"], item, seg.scenarios, set(kit.scenarios),
                          "scenario id", "use an id from facilitation/scenarios.yml")
                self.refs(path, doc, sloc + ["prompts"], item, seg.prompts, prompt_ids, "prompt id",
                          "use an id from facilitation/prompts.yml")
                self.refs(path, doc, sloc + ["tools"], item, seg.tools, self.tool_ids, "practice tool id",
                          "use the id of a tool in practice/ (its file name without .yml)")
                for name in ("activity", "details"):
                    self.words(path, doc, sloc + [name], item, getattr(seg, name))
                served |= set(seg.outcomes)
            for missing in sorted(set(kit.outcomes) - served):
                self.fail(path, doc, loc + ["segments"], session.id,
                          f"no segment serves learning outcome {missing!r}",
                          "list the outcome under `outcomes:` of the segment that covers it")

    def _questions(self, path: Path, doc: Any, loc: list[str | int], item: str, seg: Segment) -> None:
        """Each question a segment names exists in the bank, in one of the quizzes the segment lists."""
        for n, question in enumerate(seg.questions):
            quiz = self.question_quizzes.get(question)
            if quiz is None:
                self.fail(path, doc, loc + [n], item, f"unknown question id {question!r}",
                          "use the `id:` of a question in quizzes/*.yml")
            elif quiz not in seg.quizzes:
                self.fail(path, doc, loc + [n], item,
                          f"question {question!r} is in quiz {quiz!r}, which the segment does not list",
                          f"add {quiz} to the segment's `quizzes:` or name a question of a quiz it lists")
        for quiz in seg.quizzes:
            if quiz not in {self.question_quizzes.get(q) for q in seg.questions}:
                self.fail(path, doc, loc[:-1] + ["quizzes"], item,
                          f"the segment runs quiz {quiz!r} but names none of its questions",
                          "list under `questions:` the few questions that fit the segment's minutes "
                          "(about 2 minutes each with a show of hands)")




__all__ = [
    "EVIDENCE_CHAPTERS", "ChapterPrompts", "Kit", "Outcome", "Prompt", "Scenario",
    "Segment", "Session", "claim_ids_in", "in_course_order", "load_kit", "plain_citations",
]
