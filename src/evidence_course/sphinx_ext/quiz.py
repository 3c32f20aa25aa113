"""myst-nb MIME renderer for the static quiz marker, and the link resolution that finishes the quiz.

``show_quiz("what-works")`` outputs ``application/vnd.evidence-course.quiz+json: {"quiz": "what-works"}``.
While the chapter is read, :class:`QuizMimeRenderer` loads that quiz from the *current* bank (not
from the execution cache), notes the quiz file as a dependency (so editing the YAML re-reads the
chapter while execution stays cached) and leaves a :class:`static_quiz` node. Once every label is
known (``doctree-resolved``), the node becomes the quiz's HTML with links to the teaching sections.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.errors import NoUri
from sphinx.util import logging

from ..live.display import QUIZ_MIME
from ..model.bank import Quiz
from ..model.course import Course
from ..model.errors import CourseDataError, CourseDataErrors
from ..render.quiz_html import SectionLink, render_quiz
from .course import course_of

logger = logging.getLogger(__name__)


class static_quiz(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A quiz waiting for its section links; ``node["quiz"]`` holds the quiz as plain data."""


class QuizMimeRenderer:
    """Renders ``application/vnd.evidence-course.quiz+json`` outputs as static quizzes."""

    mime_priority_overrides = (("html", QUIZ_MIME, 1),)

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Turn the quiz marker into a :class:`static_quiz` node; anything else is not ours."""
        if data.mime_type != QUIZ_MIME:
            return None
        content = data.content
        if isinstance(content, str | bytes):
            content = json.loads(content)
        quiz_id = str((content or {}).get("quiz", ""))
        env = renderer.renderer.sphinx_env
        course = course_of(env)
        env.note_dependency(str(course.quiz_file(quiz_id)))
        try:
            quiz = load_quiz_for_page(course, quiz_id)
        except (CourseDataError, CourseDataErrors, LookupError) as exc:
            renderer.logger.warning(f"chapter {env.docname!r} embeds quiz {quiz_id!r}: {exc}",
                                    subtype="quiz", line=data.line)
            return []
        node = static_quiz()
        node["quiz"] = quiz.model_dump(mode="json")
        return [node]


def load_quiz_for_page(course: Course, quiz_id: str) -> Quiz:
    """Quiz ``quiz_id`` from the current bank (the whole bank is checked); LookupError if unknown."""
    bank = course.bank()
    if quiz_id not in bank:
        known = ", ".join(sorted(bank)) or "none"
        raise LookupError(f"unknown quiz id {quiz_id!r}: there is no quizzes/{quiz_id}.yml "
                          f"(known quizzes: {known}). Fix: correct the show_quiz() call or add the quiz")
    return bank[quiz_id]


def section_link(app: Sphinx, fromdoc: str, label: str) -> SectionLink | None:
    """Link from ``fromdoc`` to the section labelled ``label`` (None when no chapter defines it)."""
    std = app.env.get_domain("std")
    assert isinstance(std, StandardDomain)
    found = std.labels.get(label)
    if not found:
        return None
    target_doc, anchor, title = found
    try:
        uri = "" if target_doc == fromdoc else app.builder.get_relative_uri(fromdoc, target_doc)
    except NoUri:  # builders without pages (e.g. LaTeX) get no link
        return SectionLink(None, title)
    return SectionLink(f"{uri}#{anchor}", title)


def resolve_quizzes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each :class:`static_quiz` node by the quiz's HTML, its section links resolved."""
    for node in list(doctree.findall(static_quiz)):
        quiz = Quiz.model_validate(node["quiz"])
        links: dict[str, SectionLink] = {}
        for question in quiz.questions:
            link = section_link(app, docname, question.section)
            if link is None:
                logger.warning(f"quiz {quiz.id!r} (question {question.id!r}) in chapter {docname!r}: no "
                               f"section is labelled {question.section!r}. Fix: add "
                               f"`({question.section})=` before the heading that teaches it",
                               location=node, type="quiz", subtype="section")
            else:
                links[question.section] = link
        node.replace_self(nodes.raw("", render_quiz(quiz, links), format="html"))


def setup(app: Sphinx) -> None:
    """Register the node and the link resolution."""
    app.add_node(static_quiz)
    app.connect("doctree-resolved", resolve_quizzes)
