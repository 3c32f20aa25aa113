"""The live quiz: ipywidgets for Jupyter and Voilà, with the rule of :mod:`evidence_course.model.grading`.

Same words (:mod:`evidence_course.model.words`), same second try and same option order as the static
quiz: a wrong first try marks only what was chosen and offers "Try again" and "Show answer"; the key,
the missed options and the explanation appear after a right answer, a second wrong try or "Show
answer"; only the first try counts. Options are shuffled per learner with a seed kept in the Jupyter
data directory (:func:`learner_seed`) or passed in. HTML comes from ``render/templates/widget.html.j2``.

Tests and facilitators drive it from Python::

    qw = QuizWidget(quiz, seed="")          # "" keeps the authored order
    qw.questions[0].choose("a")
    qw.questions[0].check()                 # then .try_again() or .show_answer()
    qw.questions[0].stage, qw.questions[0].result["correct"], qw.questions[0].feedback_html
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import ipywidgets as w
from jupyter_core.paths import jupyter_data_dir

from ..model import words
from ..model.bank import Question, QuestionType, Quiz
from ..model.course import Course
from ..model.grading import Result, Stage, display_order, feedback_view, grade, stage_after
from ..render import markup
from ..render.quiz_html import SectionLink, template_env

#: Base URL of the built book, for links to the teaching sections (else the section title is shown).
BOOK_URL_ENV = "EVIDENCE_COURSE_BOOK_URL"
#: Where the learner's seed is kept, under the Jupyter data directory.
SEED_FILE = Path("evidence-course") / "seed"


def _html(macro: str, *args: Any) -> str:
    """One macro of ``widget.html.j2`` rendered to a string."""
    return str(getattr(template_env().get_template("widget.html.j2").module, macro)(*args))


@cache
def learner_seed(data_dir: Path | None = None) -> str:
    """This user's seed for the order of options: made once and kept in ``<Jupyter data dir>/
    evidence-course/seed`` (each user on a JupyterHub has their own); a fresh one for this process
    if that folder cannot be written."""
    path = (data_dir or Path(jupyter_data_dir())) / SEED_FILE
    try:
        seed = path.read_text(encoding="utf-8").strip()
        if seed:
            return seed
    except OSError:
        pass
    seed = secrets.token_hex(8)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(seed + "\n", encoding="utf-8")
    except OSError:
        pass
    return seed


def score_text(answered: int, right: int, total: int) -> str:
    """The quiz score line (quiz.js ``score`` says the same, from the same words)."""
    template = "none" if not answered else "some" if answered < total else "all"
    return words.fill(words.SCORE[template], {"answered": answered, "right": right, "total": total})


class QuestionWidget:
    """One question: native ipywidgets controls (in the learner's order), Check, Try again, Show answer."""

    def __init__(self, question: Question, number: int, total: int, link: SectionLink | None = None,
                 on_first_try: Callable[[], None] | None = None, seed: str = "") -> None:
        self.question = question
        self.link = link
        self.result: Result | None = None
        self.first_try: bool | None = None
        #: ``None`` while answering, else ``"retry"`` or ``"revealed"`` (see grading.feedback_view).
        self.stage: Stage | None = None
        #: Graded tries in this round (a round starts again after "Try again" once revealed).
        self.tries = 0
        self._on_first_try = on_first_try
        ids = [o.id for o in question.options or []] or [i.id for i in question.items or []]
        #: Option (or item) ids in the order this learner sees them.
        self.order = display_order(question.type.value, ids, seed, question.id)
        parts: list[w.Widget] = []
        if question.scenario:
            parts.append(w.HTML(_html("scenario", question)))
        parts.append(w.HTML(_html("question_head", question, number, total, words.hint(question.type.value))))
        self.controls = self._make_controls()
        self.check_button = w.Button(description=words.UI["check"], button_style="primary")
        self.retry_button = w.Button(description=words.UI["try-again"], layout=w.Layout(display="none"))
        self.show_button = w.Button(description=words.UI["show-answer"], layout=w.Layout(display="none"))
        self.feedback = w.HTML(value="")
        self.check_button.on_click(lambda _b: self.check())
        self.retry_button.on_click(lambda _b: self.try_again())
        self.show_button.on_click(lambda _b: self.show_answer())
        buttons = w.HBox([self.check_button, self.retry_button, self.show_button])
        self.box = w.VBox(parts + self.controls + [buttons, self.feedback])

    def _make_controls(self) -> list[w.Widget]:
        q = self.question
        wide = {"description_width": "initial"}
        if q.type is QuestionType.CATEGORISE:
            items = {it.id: it for it in q.items or []}
            groups = [(words.UI["choose-group"], "")]
            groups += [(markup.plain(c.text), c.id) for c in q.categories or []]
            return [w.Dropdown(options=groups, value="", description=markup.plain(items[i].text), style=wide,
                               layout=w.Layout(width="auto")) for i in self.order]
        options = {o.id: o for o in q.options or []}
        if q.type is QuestionType.MULTIPLE:
            return [w.Checkbox(value=False, description=markup.plain(options[i].text), indent=False)
                    for i in self.order]
        choices = [(markup.plain(options[i].text), i) for i in self.order]
        return [w.RadioButtons(options=choices, value=None, layout=w.Layout(width="auto"))]

    @property
    def answer(self) -> Any:
        """The learner's current answer, in the shape :func:`grading.grade` takes."""
        q = self.question
        if q.type is QuestionType.CATEGORISE:
            return {i: c.value for i, c in zip(self.order, self.controls, strict=True) if c.value}
        if q.type is QuestionType.MULTIPLE:
            chosen = {i for i, c in zip(self.order, self.controls, strict=True) if c.value}
            return [o.id for o in q.options or [] if o.id in chosen]  # authored order, whatever is shown
        return self.controls[0].value

    def choose(self, answer: Any) -> None:
        """Set the controls to ``answer`` (option id, list of ids, or {item: category})."""
        q = self.question
        if q.type is QuestionType.CATEGORISE:
            answer = answer or {}
            for item_id, control in zip(self.order, self.controls, strict=True):
                control.value = answer.get(item_id, "")
        elif q.type is QuestionType.MULTIPLE:
            for option_id, control in zip(self.order, self.controls, strict=True):
                control.value = option_id in (answer or [])
        else:
            self.controls[0].value = answer

    @property
    def feedback_html(self) -> str:
        """The feedback currently shown."""
        return self.feedback.value

    def _show(self, result: Result, stage: Stage) -> None:
        view = feedback_view(self.question.type.value, result, stage)
        position = {item_id: n for n, item_id in enumerate(self.order)}
        view["rows"].sort(key=lambda row: position[row["id"]])  # in the order the learner sees
        parts = {o.id: o for o in self.question.options or []} | {i.id: i for i in self.question.items or []}
        groups = {c.id: c.text for c in self.question.categories or []}
        self.feedback.value = _html("feedback", self.question, result, view, parts, groups, self.link)
        self.stage = stage
        for control in self.controls:
            control.disabled = True
        self.check_button.layout.display = "none"
        self.retry_button.layout.display = None
        self.show_button.layout.display = None if stage == "retry" else "none"

    def check(self) -> Result:
        """Grade the current answer and show what its stage reveals; an empty answer only prompts."""
        result = grade(self.question, self.answer)
        if not result["answered"]:
            prompt = feedback_view(self.question.type.value, result, "retry")
            self.feedback.value = _html("feedback", self.question, result, prompt, {}, {}, None)
            return result
        self.result = result
        self.tries += 1
        if self.first_try is None:
            self.first_try = bool(result["correct"])
            if self._on_first_try:
                self._on_first_try()
        self._show(result, stage_after(result["correct"], self.tries))
        return result

    def show_answer(self) -> None:
        """Reveal the key, the missed options and the explanation (after a wrong try)."""
        if self.result is not None:
            self._show(self.result, "revealed")

    def try_again(self) -> None:
        """Unlock the question. After a wrong first try the answer stays, to be changed; once revealed,
        a new round starts from a blank question. The first-try result is kept either way."""
        if self.stage == "revealed":
            self.choose(None)
            self.tries = 0
        self.result = None
        self.stage = None
        self.feedback.value = ""
        for control in self.controls:
            control.disabled = False
        self.check_button.layout.display = None
        self.retry_button.layout.display = "none"
        self.show_button.layout.display = "none"


class QuizWidget:
    """A whole quiz: its questions and a score line ("4 of 6 correct first time").

    ``seed`` orders the options: ``None`` (default) uses this user's :func:`learner_seed`; ``""`` keeps
    the authored order; any other string gives the same order as the static book with that seed.
    """

    def __init__(self, quiz: Quiz, links: Mapping[str, SectionLink] | None = None,
                 seed: str | None = None) -> None:
        self.quiz = quiz
        links = links or {}
        self.seed = learner_seed() if seed is None else seed
        total = len(quiz.questions)
        self.score = w.HTML(value=_html("score", score_text(0, 0, total)))
        self.questions = [QuestionWidget(q, n, total, links.get(q.section), self._update_score, self.seed)
                          for n, q in enumerate(quiz.questions, start=1)]
        head = w.HTML(_html("quiz_head", quiz))
        self.box = w.VBox([head, self.score] + [q.box for q in self.questions])

    def _update_score(self) -> None:
        self.score.value = _html("score", self.score_text)

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
