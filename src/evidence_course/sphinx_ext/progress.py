"""The ``{quiz-progress}`` directive: every quiz of the bank with the learner's progress and a CPD record.

The page is static: each quiz row carries its question ids and content hashes in data attributes, and
``quiz.js`` fills in scores from the browser's own storage. Nothing leaves the browser.

The directive leaves a :class:`quiz_progress` node holding the quizzes as plain data and, as its
children, a plain list of them (what the search index and non-HTML builders see).
:class:`ProgressLinks` adds each quiz's link once every page is read; the HTML visitor renders the
table and CPD record from ``templates/progress.html.j2``. :class:`ProgressPages` records which quiz
files each progress page counted, so adding or removing a quiz file re-reads the page.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..model.bank import MINUTES_PER_QUESTION
from ..model.errors import CourseDataError, CourseDataErrors
from ..render.quiz_html import template_env
from .course import PageData, add_html_node, course_of

logger = logging.getLogger(__name__)


class quiz_progress(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The progress table: ``node["quizzes"]`` holds plain data, ``node["files"]`` the bank's files."""


def _bank_files(env: BuildEnvironment) -> list[str]:
    return sorted(str(p) for p in course_of(env).quiz_dir.glob("*.yml"))


class QuizProgressDirective(SphinxDirective):
    """``{quiz-progress}``: list every quiz with its question count and the course's time estimate."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        files = _bank_files(self.env)
        for path in files:
            self.env.note_dependency(path)
        try:
            bank = course_of(self.env).bank(check_sections=False)
        except (CourseDataError, CourseDataErrors) as exc:
            msg = self.state.document.reporter.warning(f"the quiz bank has errors:\n{exc}", line=self.lineno)
            return [msg]
        node = quiz_progress(files=files)
        node["quizzes"] = [
            {
                "id": quiz.id, "title": quiz.title, "chapter": quiz.chapter, "count": len(quiz.questions),
                "minutes": f"{quiz.estimated_minutes:g}",
                "questions": [[q.id, q.content_hash] for q in quiz.questions],
            }
            for quiz in bank.values()
        ]
        listing = nodes.bullet_list()
        for quiz in node["quizzes"]:
            listing += nodes.list_item("", nodes.paragraph(
                "", f"{quiz['title']}: {quiz['count']} questions, about {quiz['minutes']} minutes."))
        node += listing
        return [node]


class ProgressLinks(SphinxPostTransform):
    """Give each quiz row the link to its quiz in its chapter (``href``; None without pages)."""

    default_priority = 20

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        for node in self.document.findall(quiz_progress):
            for quiz in node["quizzes"]:
                quiz["href"] = None
                if quiz["chapter"] not in self.env.all_docs:
                    logger.warning(f"quiz {quiz['id']!r} names chapter {quiz['chapter']!r}, which is not in "
                                   "the book. Fix: set `chapter:` to the docname that embeds it",
                                   location=node, type="quiz", subtype="chapter")
                    continue
                try:
                    uri = self.app.builder.get_relative_uri(docname, quiz["chapter"])
                except NoUri:  # builders without pages
                    continue
                quiz["href"] = f"{uri}#quiz-{quiz['id']}"


def visit_progress_html(self: SphinxTranslator, node: nodes.Element) -> None:
    """The progress table and CPD record (the plain list is for search and other builders)."""
    config = self.builder.config
    rows = [dict(quiz, questions_json=json.dumps(quiz["questions"])) for quiz in node["quizzes"]]
    html = template_env().get_template("progress.html.j2").render(
        quizzes=rows, course=config.html_title or config.project, per_question=f"{MINUTES_PER_QUESTION:g}",
    )
    self.body.append(html)  # type: ignore[attr-defined]  # HTML translators have a body
    raise nodes.SkipNode


class ProgressPages(PageData[list[str]]):
    """The quiz files each progress page counted when it was read."""

    attr = "course_progress_pages"

    def collect(self, env: BuildEnvironment, doctree: nodes.document) -> list[str] | None:
        found = [node["files"] for node in doctree.findall(quiz_progress)]
        return found[0] if found else None

    def get_outdated_docs(self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                          removed: set[str]) -> list[str]:
        """Re-read a progress page when a quiz file was added or removed since it was read."""
        files = _bank_files(env)
        return [doc for doc, listed in self.of(env).items() if listed != files]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the node with its visitors, the directive, its links and its record of quiz files."""
    add_html_node(app, quiz_progress, visit_progress_html)
    app.add_directive("quiz-progress", QuizProgressDirective)
    app.add_post_transform(ProgressLinks)
    app.add_env_collector(ProgressPages)
    return {}
