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
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..bank import MINUTES_PER_QUESTION, load_bank
from ..errors import CourseDataError, CourseDataErrors
from ..paths import QUIZ_DIR
from ..static_html import template_env

logger = logging.getLogger(__name__)
FILES_KEY = "ec_quiz_files"


class quiz_progress(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The progress table, waiting for its chapter links; ``node["quizzes"]`` holds plain data."""


def _bank_files() -> list[str]:
    return sorted(str(p) for p in QUIZ_DIR.glob("*.yml"))


class QuizProgressDirective(SphinxDirective):
    """``{quiz-progress}``: list every quiz with its question count and the course's time estimate."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        files = _bank_files()
        for path in files:
            self.env.note_dependency(path)
        self.env.metadata[self.env.docname][FILES_KEY] = files
        try:
            bank = load_bank()
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
                except Exception:  # noqa: BLE001 - builders without pages
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
    files = _bank_files()
    return [doc for doc, meta in env.metadata.items() if FILES_KEY in meta and meta[FILES_KEY] != files]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and its resolution."""
    app.add_node(quiz_progress)
    app.add_directive("quiz-progress", QuizProgressDirective)
    app.connect("doctree-resolved", resolve_progress)
    app.connect("env-get-outdated", _outdated)
    return {}
