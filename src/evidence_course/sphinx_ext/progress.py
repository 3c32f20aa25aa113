"""The ``{quiz-progress}`` directive: every quiz of the bank with the learner's progress and a CPD record.

The page is static: each quiz row carries its question ids and content hashes in data attributes, and
``quiz.js`` fills in scores from the browser's own storage. Nothing leaves the browser.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model.bank import MINUTES_PER_QUESTION
from ..model.errors import CourseDataError, CourseDataErrors
from ..render.quiz_html import template_env
from .course import course_of

logger = logging.getLogger(__name__)
#: Environment attribute: docname of each progress page → the quiz files it listed when read.
PAGES_ATTR = "course_progress_pages"


class quiz_progress(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The progress table, waiting for its chapter links; ``node["quizzes"]`` holds plain data."""


def _bank_files(env: BuildEnvironment) -> list[str]:
    return sorted(str(p) for p in course_of(env).quiz_dir.glob("*.yml"))


def _pages(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, PAGES_ATTR):
        setattr(env, PAGES_ATTR, {})
    return getattr(env, PAGES_ATTR)


class QuizProgressDirective(SphinxDirective):
    """``{quiz-progress}``: list every quiz with its question count and the course's time estimate."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        files = _bank_files(self.env)
        for path in files:
            self.env.note_dependency(path)
        _pages(self.env)[self.env.docname] = files
        try:
            bank = course_of(self.env).bank()
        except (CourseDataError, CourseDataErrors) as exc:
            msg = self.state.document.reporter.warning(f"the quiz bank has errors:\n{exc}", line=self.lineno)
            return [msg]
        node = quiz_progress()
        node["quizzes"] = [
            {
                "id": quiz.id, "title": quiz.title, "chapter": quiz.chapter, "count": len(quiz.questions),
                "minutes": f"{quiz.estimated_minutes:g}",
                "questions": [[q.id, q.content_hash] for q in quiz.questions],
            }
            for quiz in bank.values()
        ]
        return [node]


def resolve_progress(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render the progress table and CPD record with links to each quiz in its chapter."""
    for node in list(doctree.findall(quiz_progress)):
        rows = []
        for quiz in node["quizzes"]:
            href = None
            if quiz["chapter"] in app.env.all_docs:
                try:
                    href = app.builder.get_relative_uri(docname, quiz["chapter"]) + f"#quiz-{quiz['id']}"
                except NoUri:  # builders without pages
                    href = None
            else:
                logger.warning(f"quiz {quiz['id']!r} names chapter {quiz['chapter']!r}, which is not in "
                               "the book. Fix: set `chapter:` to the docname that embeds it",
                               location=docname, type="quiz", subtype="chapter")
            rows.append(dict(quiz, href=href, questions_json=json.dumps(quiz["questions"])))
        html = template_env().get_template("progress.html.j2").render(
            quizzes=rows, course=app.config.html_title or app.config.project,
            per_question=f"{MINUTES_PER_QUESTION:g}",
        )
        node.replace_self(nodes.raw("", html, format="html"))


def _outdated(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Re-read the progress page when a quiz file is added or removed."""
    files = _bank_files(env)
    return [doc for doc, listed in _pages(env).items() if listed != files]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pages(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    pages = _pages(env)
    pages.update({doc: files for doc, files in _pages(other).items() if doc in docnames})


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and its resolution."""
    app.add_node(quiz_progress)
    app.add_directive("quiz-progress", QuizProgressDirective)
    app.connect("doctree-resolved", resolve_progress)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {}
