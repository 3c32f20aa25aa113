"""The static quiz in the book: myst-nb MIME renderer, docutils node, section links and visitors.

``show_quiz("what-works")`` outputs ``application/vnd.evidence-course.quiz+json: {"quiz": "what-works"}``.
While the chapter is read, :class:`QuizMimeRenderer` loads that quiz from the *current* bank (not
from the execution cache), notes the quiz file as a dependency (so editing the YAML re-reads the
chapter while execution stays cached) and leaves a :class:`static_quiz` node: the quiz as plain data,
and as children a plain version of its questions (what Sphinx's search index reads, and what text,
LaTeX and other non-HTML builders print). :class:`QuizLinks` finds each question's teaching section
through the std domain once every page is read; the HTML visitor writes the quiz from its template.
"""

from __future__ import annotations

import json
from typing import ClassVar, cast

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer
from myst_nb.sphinx_ import NbMetadataCollector, SphinxEnvType
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from ..live.display import QUIZ_MIME, STATIC_BUILD_ENV
from ..model import words
from ..model.bank import Quiz
from ..model.course import Course
from ..model.errors import CourseDataError, CourseDataErrors
from ..render.markup import plain
from ..render.quiz_html import SectionLink, render_quiz
from .course import add_html_node, course_of

logger = logging.getLogger(__name__)


class static_quiz(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A quiz: ``node["quiz"]`` the quiz as plain data, ``node["links"]`` its sections' links."""


class QuizMimeRenderer:
    """Renders ``application/vnd.evidence-course.quiz+json`` outputs as static quizzes."""

    #: The one declaration that every builder ("*") prefers the quiz marker to the other outputs of
    #: the cell (the widget view, text/plain). myst-nb applies plugin overrides first and a book's
    #: ``nb_mime_priority_overrides`` after them, so a book's config could still override this; the
    #: course's ``_config.yml`` does not repeat it.
    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [("*", QUIZ_MIME, 1)]

    @staticmethod
    def handle_mime(renderer: NbElementRenderer, data: MimeData, inline: bool) -> list[nodes.Element] | None:
        """Turn the quiz marker into a :class:`static_quiz` node; anything else is not ours."""
        env = renderer.renderer.sphinx_env
        if data.mime_type != QUIZ_MIME or env is None:
            return None
        content: object = data.content
        if isinstance(content, str | bytes):
            content = json.loads(content)
        quiz_id = str(content.get("quiz", "")) if isinstance(content, dict) else ""
        course = course_of(env)
        env.note_dependency(str(course.quiz_file(quiz_id)))
        try:
            quiz = load_quiz_for_page(course, quiz_id)
        except (CourseDataError, CourseDataErrors, LookupError) as exc:
            renderer.logger.warning(f"chapter {env.docname!r} embeds quiz {quiz_id!r}: {exc}",
                                    subtype="quiz", line=data.line)
            return []
        node = static_quiz("", *plain_quiz(quiz), quiz=quiz.model_dump(mode="json"), links={})
        return [node]


def load_quiz_for_page(course: Course, quiz_id: str) -> Quiz:
    """Quiz ``quiz_id`` from the current bank (the whole bank is checked); LookupError if unknown.

    Section labels are checked where Sphinx knows them, against the std domain (:class:`QuizLinks`).
    """
    bank = course.bank(check_sections=False)
    if quiz_id not in bank:
        known = ", ".join(sorted(bank)) or "none"
        raise LookupError(f"unknown quiz id {quiz_id!r}: there is no quizzes/{quiz_id}.yml "
                          f"(known quizzes: {known}). Fix: correct the show_quiz() call or add the quiz")
    return bank[quiz_id]


def plain_quiz(quiz: Quiz) -> list[nodes.Element]:
    """The quiz's questions and choices as plain docutils nodes (no answers, no feedback)."""
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for question in quiz.questions:
        item = nodes.list_item()
        if question.scenario:
            item += nodes.paragraph("", f"Illustrative scenario (fictional): {plain(question.scenario)}")
        hint = words.hint(question.type.value)
        item += nodes.paragraph("", plain(question.prompt) + (f" {hint}" if hint else ""))
        choices = [plain(o.text) for o in question.options or []]
        if question.items:
            groups = ", ".join(plain(c.text) for c in question.categories or [])
            choices = [f"{plain(i.text)} (choose a group: {groups})" for i in question.items]
        item += nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", c)) for c in choices))
        questions += item
    return [
        nodes.rubric("", f"Check your learning: {plain(quiz.title)}"),
        questions,
        nodes.paragraph("", "Answer this quiz in the online book or in a live notebook."),
    ]


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


class QuizLinks(SphinxPostTransform):
    """Resolve each question's teaching section (``node["links"]``); warn when no chapter labels it."""

    default_priority = 20

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        for node in self.document.findall(static_quiz):
            quiz = node["quiz"]
            links: dict[str, tuple[str | None, str]] = {}
            for question in quiz["questions"]:
                label = question["section"]
                link = section_link(self.app, docname, label)
                if link is None:
                    logger.warning(f"quiz {quiz['id']!r} (question {question['id']!r}) in chapter "
                                   f"{docname!r}: no section is labelled {label!r}. Fix: add `({label})=` "
                                   "before the heading that teaches it", location=node, type="quiz",
                                   subtype="section")
                else:
                    links[label] = (link.href, link.title)
            node["links"] = links


def visit_quiz_html(self: SphinxTranslator, node: nodes.Element) -> None:
    """The quiz's HTML from its template (the plain children are for search and other builders)."""
    links = {label: SectionLink(href, title) for label, (href, title) in node["links"].items()}
    self.body.append(render_quiz(Quiz.model_validate(node["quiz"]), links))  # type: ignore[attr-defined]
    raise nodes.SkipNode


def check_widget_state(app: Sphinx, doctree: nodes.document) -> None:
    """Warn when a page with a quiz would embed live-widget state from its stored outputs.

    ``course build`` runs the kernels with ``EVIDENCE_COURSE_STATIC_BUILD=1``, so ``show_quiz`` emits
    only the marker. A notebook executed without it (a plain ``jupyter-book build .``, or a cache
    filled that way) stores the widget too, and myst-nb would put its state in the page.
    """
    env = app.env
    if doctree.next_node(static_quiz) is None:
        return
    if "ipywidgets_state" in NbMetadataCollector.get_js_files(cast(SphinxEnvType, env), env.docname):
        logger.warning(f"the stored outputs of {env.docname!r} hold live-widget state (its notebook ran "
                       f"without {STATIC_BUILD_ENV}=1), which the page would embed. Fix: build with "
                       "`course build` (make book); if it persists, clear the execution cache",
                       location=env.docname, type="course", subtype="widget-state")


def setup(app: Sphinx) -> None:
    """Register the node with its visitors, the section links and the widget-state check."""
    add_html_node(app, static_quiz, visit_quiz_html)
    app.add_post_transform(QuizLinks)
    app.connect("doctree-read", check_widget_state)
