"""Directives that render the facilitator kit (``facilitation/*.yml``) into the book at build time.

* ``{learning-outcomes}``: a table of the learning outcomes with the chapters and quizzes for each.
* ``{session-plan} <session id>``: a session plan's timed segments.
* ``{discussion-prompts} <chapter docname>``: the prompts for one chapter (all chapters without an
  argument).
* ``{scenarios}``: every illustrative scenario, with its questions and facilitator notes (or one with
  ``{scenarios} <scenario id>``).

Each directive writes MyST Markdown and parses it in place, so ``{claim}`` citations, ``{doc}`` links and
headings behave as if written in the page. Each notes the YAML files (and the quiz bank) as
dependencies, so a data-only edit re-renders the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..model import kit as kitdata
from ..model.bank import Quiz
from .course import course_of

SCENARIOS_DOC = "/book/facilitators/scenarios"
#: Where each practice tool's page is (``{practice-tool}`` on ``book/tools/<id>``).
TOOL_DOC = "book/tools/{id}"
PROMPTS_DOC = "/book/facilitators/discussion-prompts"


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _doc(docname: str) -> str:
    return "{doc}`/" + docname + "`"


def _quiz_link(bank: dict[str, Quiz], quiz_id: str) -> str:
    quiz = bank[quiz_id]
    return f"{_doc(quiz.chapter)} (quiz: {quiz.title})"


def _question_ref(bank: dict[str, Quiz], question_id: str) -> str:
    """``id`` (quiz title, question n of m): its prompt; how a facilitator finds it in the presenter."""
    quiz = next(quiz for quiz in bank.values() if any(q.id == question_id for q in quiz.questions))
    n, question = next((n, q) for n, q in enumerate(quiz.questions, start=1) if q.id == question_id)
    return (f"`{question_id}` ({quiz.title} quiz, question {n} of {len(quiz.questions)}): "
            f"“{_one_line(question.prompt)}”")


def _cell(text: str) -> str:
    """Text safe inside a MyST table cell (one line, pipes escaped)."""
    return _one_line(text).replace("|", "\\|")


def clock(minutes: int) -> str:
    """Minutes from the start as ``h:mm``."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class _KitDirective(SphinxDirective):
    """Loads the kit, records dependencies, parses generated MyST."""

    has_content = False
    optional_arguments = 1
    final_argument_whitespace = False

    def kit(self) -> kitdata.Kit:
        course = course_of(self.env)
        for path in course.facilitation_dir.glob("*.yml"):
            self.env.note_dependency(str(path))
        return course.kit()

    @property
    def bank(self) -> dict[str, Quiz]:
        """The quiz bank (for quiz titles and chapters)."""
        return course_of(self.env).bank(check_sections=False)

    def uses_quizzes(self, quiz_ids: Iterable[str]) -> None:
        """Re-read this page when a quiz it names (title, chapter) changes, and only then."""
        course = course_of(self.env)
        for quiz_id in quiz_ids:
            self.env.note_dependency(str(course.quiz_file(quiz_id)))

    def render(self, text: str) -> list[nodes.Node]:
        return self.parse_text_to_nodes(text, allow_section_headings=True)


class LearningOutcomes(_KitDirective):
    """``{learning-outcomes}``: the outcomes table."""

    def run(self) -> list[nodes.Node]:
        kit = self.kit()
        self.uses_quizzes(q for outcome in kit.outcomes.values() for q in outcome.quizzes)
        rows = ["| Outcome | Participants can | Taught in | Checked by |", "| --- | --- | --- | --- |"]
        bank = self.bank
        for outcome in kit.outcomes.values():
            taught = ", ".join(_doc(c) for c in outcome.chapters)
            checked = ", ".join(f"{bank[q].title} quiz" for q in outcome.quizzes) or "Discussion"
            rows.append(f"| **{_cell(outcome.title)}** | {_cell(outcome.text)} | {taught} | {checked} |")
        return self.render("\n".join(rows) + "\n")


class SessionPlan(_KitDirective):
    """``{session-plan} <id>``: one session plan as timed segments."""

    required_arguments = 1
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        kit = self.kit()
        session = kit.sessions.get(self.arguments[0])
        if session is None:
            raise self.error(f"unknown session plan {self.arguments[0]!r}: use one of "
                             f"{', '.join(kit.sessions)} (facilitation/sessions.yml)")
        self.uses_quizzes(q for seg in session.segments for q in seg.quizzes)
        prompts = kit.prompt_index
        bank = self.bank
        lines = [f"**Length:** {session.minutes} minutes. **For:** {_one_line(session.audience)}", ""]
        start = 0
        for seg in session.segments:
            end = start + seg.minutes
            title = f"{clock(start)}–{clock(end)} · {_one_line(seg.activity)}"
            lines += [f"**{title}** ({seg.minutes} minutes)", ""]
            if seg.details:
                lines += [_one_line(seg.details), ""]
            facts = []
            if seg.materials:
                facts.append("Materials: " + "; ".join(seg.materials))
            if seg.outcomes:
                facts.append("Outcomes: " + ", ".join(kit.outcomes[o].title for o in seg.outcomes))
            if seg.chapters:
                facts.append("Chapters: " + ", ".join(_doc(c) for c in seg.chapters))
            if seg.quizzes:
                facts.append("Quizzes: " + ", ".join(_quiz_link(bank, q) for q in seg.quizzes))
            for q in seg.questions:
                facts.append(f"Question {_question_ref(bank, q)}")
            if seg.scenarios:
                facts.append("Scenarios: " + ", ".join(
                    f"“{kit.scenarios[s].title}” ({_doc(SCENARIOS_DOC.lstrip('/'))})" for s in seg.scenarios))
            if seg.tools:
                facts.append("Practice tools: " + ", ".join(_doc(TOOL_DOC.format(id=t)) for t in seg.tools))
            for p in seg.prompts:
                facts.append(f"Prompt: “{_one_line(prompts[p].text)}”")
            lines += [f"- {fact}" for fact in facts] + [""]
            start = end
        return self.render("\n".join(lines))


class DiscussionPrompts(_KitDirective):
    """``{discussion-prompts} [chapter]``: the prompts of one chapter, or of every chapter."""

    def run(self) -> list[nodes.Node]:
        kit = self.kit()
        chapters = [self.arguments[0]] if self.arguments else list(kit.prompts)
        lines: list[str] = []
        for chapter in chapters:
            if chapter not in kit.prompts:
                raise self.error(f"no discussion prompts for {chapter!r} in facilitation/prompts.yml")
            if not self.arguments:
                lines += [f"### {_doc(chapter)}", ""]
            for prompt in kit.prompts[chapter]:
                cites = " ".join("{claim}`" + c + "`" for c in prompt.claims)
                lines += [f"1. {_one_line(prompt.text)} {cites}"]
                if prompt.note:
                    lines += ["", f"   *Facilitator note (the course's own):* {_one_line(prompt.note)}", ""]
            lines.append("")
        return self.render("\n".join(lines))


class Scenarios(_KitDirective):
    """``{scenarios} [id]``: the illustrative scenarios, each with questions and facilitator notes."""

    def run(self) -> list[nodes.Node]:
        kit = self.kit()
        wanted = [self.arguments[0]] if self.arguments else list(kit.scenarios)
        lines: list[str] = []
        for scenario_id in wanted:
            scenario = kit.scenarios.get(scenario_id)
            if scenario is None:
                raise self.error(f"unknown scenario {scenario_id!r} (facilitation/scenarios.yml)")
            setting = {"both": "prison or probation"}.get(scenario.setting, scenario.setting)
            lines += [
                f"(facilitators-{scenario.id})=", f"## {scenario.title}", "",
                ":::{admonition} Illustrative scenario (fictional)", ":class: note", "",
                f"*Setting: {setting}.* {_one_line(scenario.text)}", ":::", "",
                "**Questions for the group**", "",
            ]
            lines += [f"1. {_one_line(q)}" for q in scenario.questions] + [""]
            lines += [":::{admonition} Facilitator notes: what the evidence says", ":class: tip", "",
                      _one_line(scenario.notes), ""]
            if scenario.chapters:
                lines += ["Goes with: " + ", ".join(_doc(c) for c in scenario.chapters) + ".", ""]
            lines += [":::", ""]
        return self.render("\n".join(lines))


def setup(app: Sphinx) -> None:
    """Register the facilitator kit's directives."""
    app.add_directive("learning-outcomes", LearningOutcomes)
    app.add_directive("session-plan", SessionPlan)
    app.add_directive("discussion-prompts", DiscussionPrompts)
    app.add_directive("scenarios", Scenarios)
