"""The facilitator kit's cross-checks: what its schema (:mod:`evidence_course.model.kit_schema`) cannot
check, against itself and the rest of the course. :func:`evidence_course.model.kit.load_kit` runs them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import wording
from .citations import claim_ids_in
from .kit_schema import Kit, OutcomeFile, PromptFile, ScenarioFile, Segment, SessionFile
from .yamlfile import Problems

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


class KitChecker(Problems):
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
        """A problem for each of ``values`` not in ``known`` (a reference to something unknown)."""
        for n, value in enumerate(values):
            if value not in known:
                self.fail(path, doc, loc + [n], item, f"unknown {what} {value!r}", fix)

    def chapters(self, path: Path, doc: Any, loc: list[str | int], item: str, values: Iterable[str]) -> None:
        """Each of ``values`` is a chapter listed in ``_toc.yml``."""
        self.refs(path, doc, loc, item, values, self.docnames, "chapter",
                  "use a docname listed in _toc.yml, e.g. book/what-works")

    def claims(self, path: Path, doc: Any, loc: list[str | int], item: str, values: Iterable[str]) -> None:
        """Each of ``values`` is a claim id of ``evidence/claims.yml``."""
        self.refs(path, doc, loc, item, values, self.claim_ids, "claim id",
                  "use an id from evidence/claims.yml")

    def cited(self, path: Path, doc: Any, loc: list[str | int], item: str, text: str | None) -> None:
        """Every claim cited with ``{claim}`id``` in ``text`` exists."""
        for claim in claim_ids_in(text):
            if claim not in self.claim_ids:
                self.fail(path, doc, loc, item, f"unknown claim id {claim!r} cited",
                          "cite an id from evidence/claims.yml")

    def words(self, path: Path, doc: Any, loc: list[str | int], item: str, text: str | None) -> None:
        """``text`` follows the course's wording rules and uses no banned word."""
        found = wording.BANNED.search(text or "")
        if found:
            self.fail(path, doc, loc, item, f"wording {found.group(0)!r} is not used in the course",
                      "no percentages or statistics (the source has none); use respectful words such "
                      "as 'people who sell sex' or 'people involved in sex work'")
        for problem in wording.problems(text or ""):
            self.fail(path, doc, loc, item, f"wording rule {problem.rule}: {problem.found!r}", problem.fix)

    def check(self, kit: Kit, parsed: dict[str, Any], docs: dict[str, Any], paths: dict[str, Path]) -> None:
        """Every cross-check of the loaded ``kit`` (``parsed``: the file models; ``docs``: the YAML)."""
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
