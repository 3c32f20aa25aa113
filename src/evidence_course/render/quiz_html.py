"""Render a quiz as kernel-free HTML for the static book (``templates/quiz.html.j2`` + ``quiz.js``).

All bank text goes through :mod:`evidence_course.markup` (raw HTML disabled) or Jinja's autoescape,
so nothing a quiz author types can become markup or script. The data ``quiz.js`` grades with (keys,
option ids, content hashes) sits in one ``<script type="application/json">`` per quiz.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..model import words
from ..model.bank import Question, QuestionType, Quiz
from . import markup

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SectionLink:
    """Where a question's topic is taught: a URL (relative to the page) and the section's title."""

    href: str | None
    title: str


@cache
def template_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals.update(inline=markup.inline, block=markup.block, plain=markup.plain, fill=words.fill,
                       ui=words.UI, status_words=words.STATUS, score_words=words.SCORE,
                       words_json=words_json)
    return env


def words_json() -> Markup:
    """The quizzes' words (:data:`~evidence_course.model.words.WORDS`) as JSON for ``quiz.js``."""
    return Markup(json_for_script(words.WORDS))


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped so text cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def quiz_data(quiz: Quiz) -> dict[str, Any]:
    """What quiz.js needs to grade: per question its type, hash, option ids and key, or item keys."""
    questions: dict[str, Any] = {}
    for q in quiz.questions:
        entry: dict[str, Any] = {"type": q.type.value, "hash": q.content_hash}
        if q.type is QuestionType.CATEGORISE:
            entry["items"] = [[item.id, item.category] for item in q.items or []]
        else:
            entry["options"] = [o.id for o in q.options or []]
            entry["key"] = q.key
        questions[q.id] = entry
    return {"id": quiz.id, "questions": questions}


def _question_view(q: Question, links: Mapping[str, SectionLink]) -> dict[str, Any]:
    return {
        "id": q.id, "type": q.type.value, "hash": q.content_hash, "prompt": q.prompt,
        "scenario": q.scenario, "options": q.options, "key_ids": q.keys, "sort_items": q.items,
        "categories": q.categories, "explanation": q.explanation, "hint": words.hint(q.type.value),
        "category_text": {c.id: c.text for c in q.categories or []},
        "link": links.get(q.section),
    }


def render_quiz(quiz: Quiz, links: Mapping[str, SectionLink] | None = None) -> str:
    """The quiz as one ``<section>`` of HTML; ``links`` maps section labels to where they are taught."""
    links = links or {}
    template = template_env().get_template("quiz.html.j2")
    return template.render(
        quiz=quiz,
        questions=[_question_view(q, links) for q in quiz.questions],
        data_json=Markup(json_for_script(quiz_data(quiz))),
    )
