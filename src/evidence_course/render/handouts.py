"""Printable handouts: quiz sheets, the answer key, session plans, scenarios and the practice tools.

``course handouts`` (``make handouts``) renders Jinja2 templates
(``templates/handouts/``) from the quiz bank and the facilitator kit, and writes each handout as HTML and
as an A4 PDF (WeasyPrint, tagged PDF/UA-1, ``lang="en-GB"``, system fonts only) into
``<build dir>/handouts/``. Everything is written into a temporary folder first and moved into place
only when every file is complete, so a failure leaves the previous handouts as they were.

Learner sheets carry no answers and no key marking; the answer key gives, for each question, the
answer, each option's feedback, the explanation and the claims with the summary's exact words. Each
practice tool (``tool-<id>``) is printed blank, to fill in by hand, labelled as course guidance.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..folders import replacing
from ..model import words
from ..model.bank import Quiz
from ..model.citations import plain_citations
from ..model.course import Course
from ..model.kit import Kit, in_course_order
from ..model.practice import Tool
from . import markup, practice_html

TEMPLATE_DIR = Path(__file__).parent / "templates" / "handouts"
COURSE_TITLE = "Sex work, prison and probation: what the evidence says"
#: WeasyPrint options: tagged, accessible PDF (PDF/UA-1 implies tags).
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}


def environment() -> Environment:
    """The Jinja2 environment of the handout templates (autoescaped; bank Markdown via ``md``)."""
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["md"] = markup.inline
    env.globals["ui"] = words.UI  # the same labels as the quizzes ("Select all that apply.")
    env.globals["course_title"] = COURSE_TITLE
    return env


def _letters(quiz: Quiz) -> dict[str, dict[str, str]]:
    """Option letters (A, B, C …) per question, as the printed sheets number them."""
    return {q.id: {o.id: string.ascii_uppercase[i] for i, o in enumerate(q.options or [])}
            for q in quiz.questions}


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def render_quiz_sheet(quiz: Quiz, env: Environment | None = None) -> str:
    """HTML of the learner sheet for ``quiz``: questions and options only."""
    env = env or environment()
    return env.get_template("quiz-sheet.html.j2").render(
        title=f"{quiz.title}: quiz sheet", description=f"Learner quiz sheet: {quiz.title}", quiz=quiz)


def render_answer_key(course: Course, bank: dict[str, Quiz], env: Environment | None = None) -> str:
    """HTML of the facilitator answer key for every quiz of ``bank``."""
    env = env or environment()
    letters: dict[str, dict[str, str]] = {}
    category_text: dict[str, dict[str, str]] = {}
    for quiz in bank.values():
        letters |= _letters(quiz)
        for q in quiz.questions:
            category_text[q.id] = {c.id: c.text for c in q.categories or []}
    return env.get_template("answer-key.html.j2").render(
        title="Answer key for facilitators", description="Answers, explanations and evidence for every quiz",
        quizzes=in_course_order(bank, course.toc_file), body_class="key", letters=letters,
        category_text=category_text, claims=course.claims)


def session_segments(kit: Kit, bank: dict[str, Quiz],
                     tools: dict[str, Tool] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Each session's segments with clock times and readable references (shared by print templates)."""
    prompts = kit.prompt_index
    where = {q.id: (quiz.title, f"{n} of {len(quiz.questions)}", " ".join(q.prompt.split()))
             for quiz in bank.values() for n, q in enumerate(quiz.questions, start=1)}
    titles = {t.id: t.title for t in tools.values()} if tools else {}
    result: dict[str, list[dict[str, Any]]] = {}
    for session in kit.sessions.values():
        start = 0
        rows = []
        for seg in session.segments:
            refs = [f"Chapter: {c.split('/')[-1]}" for c in seg.chapters]
            refs += [f"Quiz: {bank[q].title if q in bank else q}" for q in seg.quizzes]
            questions = [f"{q} ({where[q][0]}, question {where[q][1]}): {where[q][2]}" for q in seg.questions]
            refs += [f"Scenario: {kit.scenarios[s].title}" for s in seg.scenarios]
            refs += [f"Practice tool: {titles.get(t, t)} (tool-{t}.pdf)" for t in seg.tools]
            rows.append({
                "start": _clock(start), "end": _clock(start + seg.minutes), "minutes": seg.minutes,
                "activity": seg.activity, "details": seg.details, "materials": seg.materials,
                "outcomes": [kit.outcomes[o].title for o in seg.outcomes],
                "prompts": [prompts[p].text for p in seg.prompts], "questions": questions, "refs": refs,
            })
            start += seg.minutes
        result[session.id] = rows
    return result


def render_session_plans(kit: Kit, bank: dict[str, Quiz], env: Environment | None = None,
                         tools: dict[str, Tool] | None = None) -> str:
    """HTML of both session plans and the learning outcomes."""
    env = env or environment()
    return env.get_template("session-plans.html.j2").render(
        title="Session plans", description="Timed session plans for facilitators",
        sessions=list(kit.sessions.values()), segments=session_segments(kit, bank, tools),
        outcomes=list(kit.outcomes.values()))


def render_scenarios(course: Course, kit: Kit, *, with_notes: bool, env: Environment | None = None) -> str:
    """HTML of the scenarios (for groups), or with the facilitator notes when ``with_notes``."""
    env = env or environment()
    scenarios = []
    for sc in kit.scenarios.values():
        scenarios.append({
            "title": sc.title, "text": sc.text, "questions": sc.questions, "claims": sc.claims,
            "setting_text": {"both": "prison or probation"}.get(sc.setting, sc.setting),
            "notes": plain_citations(sc.notes, "[{id}]"),
        })
    title = "Scenarios: facilitator notes" if with_notes else "Illustrative scenarios"
    return env.get_template("scenarios.html.j2").render(
        title=title, description="Fictional scenarios for group discussion", scenarios=scenarios,
        with_notes=with_notes, claims=course.claims)


def render_tool_sheet(course: Course, tool: Tool, env: Environment | None = None) -> str:
    """HTML of a practice tool on paper: guidance, blank boxes, and its claims as numbered references."""
    env = env or environment()
    macros = practice_html.template_env().get_template("practice-macros.html.j2").module
    numbers = {claim: n for n, claim in enumerate(tool.claims, 1)}

    def cite(claim_id: str) -> Markup:
        return Markup(macros.claim_number(number=numbers[claim_id]).strip())  # type: ignore[attr-defined]

    return env.get_template("practice-tool.html.j2").render(
        title=tool.title, description=f"Practice tool (course guidance): {tool.title}", tool=tool,
        parts=practice_html.part_views(tool), claims=course.claims, cite=cite,
        text=lambda t: practice_html.text_html(t, cite), inline=lambda t: practice_html.inline_html(t, cite))


def tools_in_course_order(course: Course, tools: dict[str, Tool]) -> list[Tool]:
    """The tools in the order of their pages (``book/tools/<id>``) in ``_toc.yml``; others last."""
    from ..model.chapters import toc_docnames

    order = {name: i for i, name in enumerate(toc_docnames(course.toc_file))}
    return sorted(tools.values(), key=lambda t: (order.get(f"book/tools/{t.id}", len(order)), t.id))


def write_pdf(html: str, target: Path) -> None:
    """Render ``html`` to an A4 PDF at ``target`` with WeasyPrint (nothing is fetched from outside)."""
    from weasyprint import HTML

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError(f"handouts load nothing from outside (asked for {url})")

    HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=no_fetch).write_pdf(target, **PDF_OPTIONS)


def build_handouts(
    course: Course,
    out_dir: Path,
    *,
    pdf: bool = True,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, Path]:
    """Write every handout (HTML, and PDF unless ``pdf=False``) into ``out_dir``; returns name → path."""
    bank = course.bank(check_sections=False)
    kit = course.kit()
    tools = course.practice_tools()
    env = environment()
    pages: dict[str, str] = {f"quiz-{quiz.id}": render_quiz_sheet(quiz, env) for quiz in bank.values()}
    pages["answer-key"] = render_answer_key(course, bank, env)
    pages["session-plans"] = render_session_plans(kit, bank, env, tools)
    pages["scenarios"] = render_scenarios(course, kit, with_notes=False, env=env)
    pages["scenario-notes"] = render_scenarios(course, kit, with_notes=True, env=env)
    for tool in tools_in_course_order(course, tools):
        pages[f"tool-{tool.id}"] = render_tool_sheet(course, tool, env)
    written: dict[str, Path] = {}
    with replacing(out_dir) as tmp:
        for name, html in pages.items():
            (tmp / f"{name}.html").write_text(html, encoding="utf-8")
            written[f"{name}.html"] = out_dir / f"{name}.html"
            if pdf:
                write_pdf(html, tmp / f"{name}.pdf")
                written[f"{name}.pdf"] = out_dir / f"{name}.pdf"
            log(f"  {name}")
    return written
