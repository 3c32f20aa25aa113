"""The live quiz: ipywidgets for Jupyter and Voilà, graded by :mod:`evidence_course.grading`.

Same texts as the static quiz (summary sentence, per-option feedback, explanation, where it is taught).
Tests and facilitators drive it from Python::

    qw = QuizWidget(quiz)
    qw.questions[0].choose("a")
    qw.questions[0].check()
    qw.questions[0].result["correct"], qw.questions[0].feedback_html
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from html import escape
from typing import Any

import ipywidgets as w

from ..model.bank import Question, QuestionType, Quiz
from ..model.course import Course
from ..model.grading import grade
from ..render import markup
from ..render.quiz_html import HINTS, SectionLink

#: Status words shown before an option's feedback (quiz.js ``ICON`` says the same).
STATUS_LABELS = {"right": "\u2713 Right:", "wrong": "\u2717 Not right:", "missed": "! Missed:"}
SCENARIO_LABEL = "Illustrative scenario (fictional)"
#: Base URL of the built book, for links to the teaching sections (else the section title is shown).
BOOK_URL_ENV = "EVIDENCE_COURSE_BOOK_URL"


def score_text(answered: int, right: int, total: int) -> str:
    """The quiz score line (quiz.js ``scoreText`` says the same)."""
    if not answered:
        return "Not started."
    if answered < total:
        return f"{answered} of {total} answered, {right} correct first time."
    return f"Completed: {right} of {total} correct first time."


def feedback_html(question: Question, result: dict[str, Any], link: SectionLink | None) -> str:
    """Feedback for a graded answer: summary, per-option/item feedback, explanation and section link."""
    mark = "\u2713" if result["correct"] else "\u2717"
    parts = [f'<p class="ec-summary"><strong>{mark} {escape(result["summary"])}</strong></p>']
    if not result["answered"]:
        return parts[0]
    texts = {o.id: o for o in question.options or []} | {i.id: i for i in question.items or []}
    categories = {c.id: c.text for c in question.categories or []}
    rows = []
    for row in result.get("options") or result.get("items") or []:
        if row["status"] == "unselected":
            continue
        label = STATUS_LABELS[row["status"]]
        if "items" in result and row["status"] != "right":
            label += f" belongs in \u201c{markup.plain(categories.get(row['key'], row['key']))}\u201d."
        part = texts[row["id"]]
        rows.append(f"<li><em>{markup.inline(part.text)}</em>: <strong>{escape(label)}</strong> "
                    f"{markup.inline(part.feedback)}</li>")
    if rows:
        parts.append("<ul>" + "".join(rows) + "</ul>")
    parts.append(f"<p><strong>Explanation</strong></p>{markup.block(question.explanation)}")
    if link is not None:
        target = (f'<a href="{escape(link.href)}" target="_blank">{escape(link.title)}</a>' if link.href
                  else escape(link.title))
        parts.append(f"<p>Where the course teaches this: {target}</p>")
    return "".join(parts)


class QuestionWidget:
    """One question: native ipywidgets controls, a Check button, feedback and Try again."""

    def __init__(self, question: Question, number: int, total: int, link: SectionLink | None = None,
                 on_first_try: Any = None) -> None:
        self.question = question
        self.link = link
        self.result: dict[str, Any] | None = None
        self.first_try: bool | None = None
        self._on_first_try = on_first_try
        hint = HINTS.get(question.type)
        legend = (f"<p><small>Question {number} of {total}</small><br><strong>"
                  f"{markup.inline(question.prompt)}</strong>"
                  + (f" <em>{escape(hint)}</em>" if hint else "") + "</p>")
        parts: list[w.Widget] = []
        if question.scenario:
            parts.append(w.HTML(f'<div style="border:2px dashed #5a6270;padding:.4em .7em">'
                                f"<strong>{SCENARIO_LABEL}</strong>{markup.block(question.scenario)}</div>"))
        parts.append(w.HTML(legend))
        self.controls = self._make_controls()
        self.check_button = w.Button(description="Check answer", button_style="primary")
        self.retry_button = w.Button(description="Try again", layout=w.Layout(display="none"))
        self.feedback = w.HTML(value="")
        self.check_button.on_click(lambda _b: self.check())
        self.retry_button.on_click(lambda _b: self.try_again())
        self.box = w.VBox(parts + self.controls + [w.HBox([self.check_button, self.retry_button]),
                                                     self.feedback])

    def _make_controls(self) -> list[w.Widget]:
        q = self.question
        wide = {"description_width": "initial"}
        if q.type is QuestionType.CATEGORISE:
            groups = [("Choose a group", "")] + [(markup.plain(c.text), c.id) for c in q.categories or []]
            return [w.Dropdown(options=groups, value="", description=markup.plain(it.text), style=wide,
                               layout=w.Layout(width="auto")) for it in q.items or []]
        if q.type is QuestionType.MULTIPLE:
            return [w.Checkbox(value=False, description=markup.plain(o.text), indent=False)
                    for o in q.options or []]
        choices = [(markup.plain(o.text), o.id) for o in q.options or []]
        return [w.RadioButtons(options=choices, value=None, layout=w.Layout(width="auto"))]

    @property
    def answer(self) -> Any:
        """The learner's current answer, in the shape :func:`grading.grade` takes."""
        q = self.question
        if q.type is QuestionType.CATEGORISE:
            return {it.id: c.value for it, c in zip(q.items or [], self.controls, strict=True) if c.value}
        if q.type is QuestionType.MULTIPLE:
            return [o.id for o, c in zip(q.options or [], self.controls, strict=True) if c.value]
        return self.controls[0].value

    def choose(self, answer: Any) -> None:
        """Set the controls to ``answer`` (option id, list of ids, or {item: category})."""
        q = self.question
        if q.type is QuestionType.CATEGORISE:
            answer = answer or {}
            for it, control in zip(q.items or [], self.controls, strict=True):
                control.value = answer.get(it.id, "")
        elif q.type is QuestionType.MULTIPLE:
            for o, control in zip(q.options or [], self.controls, strict=True):
                control.value = o.id in (answer or [])
        else:
            self.controls[0].value = answer

    @property
    def feedback_html(self) -> str:
        """The feedback currently shown."""
        return self.feedback.value

    def check(self) -> dict[str, Any]:
        """Grade the current answer and show feedback; an empty answer only prompts (no attempt)."""
        result = grade(self.question, self.answer)
        self.feedback.value = feedback_html(self.question, result, self.link)
        if not result["answered"]:
            return result
        self.result = result
        if self.first_try is None:
            self.first_try = bool(result["correct"])
            if self._on_first_try:
                self._on_first_try()
        for control in self.controls:
            control.disabled = True
        self.check_button.layout.display = "none"
        self.retry_button.layout.display = None
        return result

    def try_again(self) -> None:
        """Clear the answer and feedback (the first-try result is kept)."""
        self.choose(None)
        self.result = None
        self.feedback.value = ""
        for control in self.controls:
            control.disabled = False
        self.check_button.layout.display = None
        self.retry_button.layout.display = "none"


class QuizWidget:
    """A whole quiz: its questions and a score line ("4 of 6 correct first time")."""

    def __init__(self, quiz: Quiz, links: Mapping[str, SectionLink] | None = None) -> None:
        self.quiz = quiz
        links = links or {}
        total = len(quiz.questions)
        self.score = w.HTML(value=f"<p>Your score: {score_text(0, 0, total)}</p>")
        self.questions = [QuestionWidget(q, n, total, links.get(q.section), self._update_score)
                          for n, q in enumerate(quiz.questions, start=1)]
        head = w.HTML(f"<h3>Check your learning: {markup.inline(quiz.title)}</h3>"
                      + (str(markup.block(quiz.intro)) if quiz.intro else ""))
        self.box = w.VBox([head, self.score] + [q.box for q in self.questions])

    def _update_score(self) -> None:
        firsts = [q.first_try for q in self.questions if q.first_try is not None]
        self.score.value = f"<p>Your score: {score_text(len(firsts), sum(firsts), len(self.questions))}</p>"

    @property
    def score_text(self) -> str:
        """The score line as text."""
        firsts = [q.first_try for q in self.questions if q.first_try is not None]
        return score_text(len(firsts), sum(firsts), len(self.questions))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


def section_links(course: Course, quiz: Quiz, book_url: str | None = None) -> dict[str, SectionLink]:
    """Section titles (and links into the built book at ``book_url``, default ``$EVIDENCE_COURSE_BOOK_URL``)
    for the quiz's questions."""
    book_url = book_url or os.environ.get(BOOK_URL_ENV)
    labels = course.section_labels()
    links = {}
    for q in quiz.questions:
        section = labels.get(q.section)
        if section is not None:
            href = f"{book_url.rstrip('/')}/{section.docname}.html#{q.section}" if book_url else None
            links[q.section] = SectionLink(href, section.title)
    return links
