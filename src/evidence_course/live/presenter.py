"""Live workshop mode: a projector-friendly quiz presenter (ipywidgets), served offline by Voilà.

In a notebook or in Voilà (``workshop/presenter.ipynb``)::

    from evidence_course.live.presenter import Presenter
    Presenter().widget

The facilitator picks a quiz, shows one question at a time (Previous / Next), types the show-of-hands
count for each option (a bar chart made of plain HTML, nothing fetched), reveals the answer (key and
explanation, marked by :func:`evidence_course.grading.grade`) and shows the chapter's discussion prompts
from ``facilitation/prompts.yml``. Counts stay in memory only. In room mode (``ROOM_URL_ENV`` set by
``course workshop --room``) the top of the screen shows where participants join: the address and its
QR code. Its HTML comes from ``render/templates/presenter.html.j2`` (one macro per part of the screen).

``course workshop`` (``make workshop``) serves it with Voilà: see :mod:`evidence_course.live.voila`.
"""

from __future__ import annotations

import os
import string
from typing import Any

import ipywidgets as w
import segno
from markupsafe import Markup

from ..model.bank import Question, QuestionType, Quiz
from ..model.citations import plain_citations
from ..model.course import Course
from ..model.grading import grade
from ..model.kit import Kit, Prompt, in_course_order
from ..render import markup
from ..render.quiz_html import template_env
from .voila import ROOM_URL_ENV

MAX_COUNT = 9999
BAR_COLOUR = "#1d4f91"


def bar_widths(counts: dict[str, int]) -> dict[str, float]:
    """Each count's bar width as a share (0–100) of the largest count (all 0 when nobody voted)."""
    top = max(counts.values(), default=0)
    return {key: (100.0 * n / top if top else 0.0) for key, n in counts.items()}


def _html() -> Any:
    """The macros of ``render/templates/presenter.html.j2`` (one per part of the screen)."""
    return template_env().get_template("presenter.html.j2").module


def bars_html(labels: dict[str, str], counts: dict[str, int]) -> str:
    """A horizontal bar chart of show-of-hands counts in plain HTML and inline CSS."""
    widths = bar_widths(counts)
    rows = [{"label": label, "count": counts.get(key, 0), "width": widths.get(key, 0.0)}
            for key, label in labels.items()]
    return str(_html().bars(rows, BAR_COLOUR))


def join_html(url: str) -> str:
    """Room mode: the participants' address as text and as a QR code (inline SVG made here by segno)."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=6, border=2, title=f"QR code for {url}").replace("<svg ", '<svg role="img" ', 1)
    return str(_html().join(url, Markup(svg)))


class Presenter:
    """One quiz at a time, one question at a time, for a room.

    The Python API (used by the buttons and by tests): :meth:`select_quiz`, :meth:`next`,
    :meth:`previous`, :meth:`reveal`, :meth:`set_count`, and the properties :attr:`question`,
    :attr:`revealed`, :attr:`counts`.
    """

    def __init__(self, course: Course | None = None, quiz_id: str | None = None, *,
                 bank: dict[str, Quiz] | None = None, kit: Kit | None = None) -> None:
        course = course or Course.find()
        bank = bank if bank is not None else course.bank(check_sections=False)
        self.bank = {quiz.id: quiz for quiz in in_course_order(bank, course.toc_file)}
        self.kit = kit if kit is not None else course.kit()
        self.quiz: Quiz = self.bank[quiz_id] if quiz_id else next(iter(self.bank.values()))
        self.index = 0
        self.revealed = False
        self._counts: dict[tuple[str, str], dict[str, int]] = {}
        self._build()
        self._render()

    # ----------------------------------------------------------------------------------- API
    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.quiz.questions[self.index]

    @property
    def choices(self) -> dict[str, str]:
        """What the room votes on: option id → letter (choice questions) or category id → its text."""
        q = self.question
        if q.type is QuestionType.CATEGORISE:
            return {c.id: markup.plain(c.text) for c in q.categories or []}
        return {o.id: string.ascii_uppercase[i] for i, o in enumerate(q.options or [])}

    @property
    def counts(self) -> dict[str, int]:
        """Show-of-hands counts for the question on screen (0 until entered)."""
        stored = self._counts.get((self.quiz.id, self.question.id), {})
        return {key: stored.get(key, 0) for key in self.choices}

    def select_quiz(self, quiz_id: str) -> None:
        """Show quiz ``quiz_id`` from its first question."""
        self.quiz = self.bank[quiz_id]
        self.index = 0
        self.revealed = False
        if self.picker.value != quiz_id:
            self.picker.value = quiz_id
        self._render()

    def go(self, index: int) -> None:
        """Show question ``index`` (clamped to the quiz), answer hidden."""
        self.index = max(0, min(index, len(self.quiz.questions) - 1))
        self.revealed = False
        self._render()

    def next(self) -> None:
        """The next question (stays on the last)."""
        self.go(self.index + 1)

    def previous(self) -> None:
        """The previous question (stays on the first)."""
        self.go(self.index - 1)

    def reveal(self) -> None:
        """Show the answer, the explanation and the evidence for the question on screen."""
        self.revealed = True
        self._render()

    def set_count(self, choice: str, count: int) -> None:
        """Record ``count`` hands for ``choice`` (an option id, or a category id for sorting questions)."""
        if choice not in self.choices:
            raise KeyError(f"{choice!r} is not a choice of {self.question.id}")
        count = max(0, min(int(count), MAX_COUNT))
        self._counts.setdefault((self.quiz.id, self.question.id), {})[choice] = count
        box = self.count_boxes.get(choice)
        if box is not None and box.value != count:
            box.value = count
        self.bars.value = bars_html(self.choices, self.counts)

    def prompts(self) -> list[Prompt]:
        """Discussion prompts for the chapter of the quiz on screen (none for the final assessment)."""
        return self.kit.prompts.get(self.quiz.chapter, [])

    def answer_html(self) -> str:
        """The key, marked through :func:`grading.grade` with the key as the answer, and the explanation."""
        q = self.question
        rows: list[tuple[str, ...]]
        if q.type is QuestionType.CATEGORISE:
            result = grade(q, {i.id: i.category for i in q.items or []})
            cats = {c.id: c.text for c in q.categories or []}
            items = {i.id: i for i in q.items or []}
            rows = [(items[r["id"]].text, cats[r["key"]]) for r in result["items"]]
        else:
            result = grade(q, q.key)
            options = {o.id: o for o in q.options or []}
            rows = [(self.choices[r["id"]], options[r["id"]].text, options[r["id"]].feedback)
                    for r in result["options"] if r["key"]]
        return str(_html().answer(q, rows, q.type is QuestionType.CATEGORISE))

    # ------------------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.picker = w.Dropdown(options=[(q.title, q.id) for q in self.bank.values()], value=self.quiz.id,
                                 description="Quiz", layout=w.Layout(width="32em"))
        self.picker.observe(lambda change: self.select_quiz(change["new"]), names="value")
        self.position = w.HTML()
        self.body = w.HTML(layout=w.Layout(width="100%"))
        self.prev_button = w.Button(description="Previous", layout=w.Layout(width="10em", height="3em"))
        self.next_button = w.Button(description="Next", button_style="primary",
                                    layout=w.Layout(width="10em", height="3em"))
        self.reveal_button = w.Button(description="Reveal answer", button_style="success",
                                      layout=w.Layout(width="12em", height="3em"))
        self.prev_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.count_row = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.count_boxes: dict[str, w.BoundedIntText] = {}
        self.bars = w.HTML()
        self.answer = w.HTML()
        self.discussion = w.HTML()
        #: Room mode only: where participants join (text and QR code), set from ROOM_URL_ENV.
        self.room_url = os.environ.get(ROOM_URL_ENV) or None
        self.join = w.HTML(join_html(self.room_url) if self.room_url else "")
        self.widget = w.VBox([
            self.join,
            w.HBox([self.picker, self.position]),
            self.body,
            w.HTML("<p><strong>Show of hands</strong> (type how many people chose each; not stored)</p>"),
            self.count_row, self.bars,
            w.HBox([self.prev_button, self.reveal_button, self.next_button]),
            self.answer, self.discussion,
        ], layout=w.Layout(max_width="1100px", padding="0.5em"))

    def _render(self) -> None:
        q = self.question
        html = _html()
        total = len(self.quiz.questions)
        self.position.value = str(html.position(self.index + 1, total))
        self.body.value = str(html.question(q, self.choices, q.type is QuestionType.CATEGORISE,
                                            q.type is QuestionType.MULTIPLE))
        self.count_boxes = {}
        boxes = []
        for key, label in self.choices.items():
            box = w.BoundedIntText(value=self.counts[key], min=0, max=MAX_COUNT, description=label,
                                   layout=w.Layout(width="12em"))
            box.observe(lambda change, key=key: self.set_count(key, change["new"]), names="value")
            self.count_boxes[key] = box
            boxes.append(box)
        self.count_row.children = boxes
        self.bars.value = bars_html(self.choices, self.counts)
        self.prev_button.disabled = self.index == 0
        self.next_button.disabled = self.index == total - 1
        self.answer.value = self.answer_html() if self.revealed else ""
        prompts = self.prompts()
        self.discussion.value = str(html.discussion(prompts)) if prompts and self.revealed else ""

    def static_html(self) -> str:
        """The question on screen as plain HTML (shown where widgets cannot be, and sent with the view)."""
        return str(_html().static(self.quiz.title, Markup(self.position.value), Markup(self.body.value)))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The widget view, with the current question as HTML and text for frontends without widgets."""
        data = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        data["text/html"] = self.static_html()
        data["text/plain"] = f"Workshop presenter: {self.quiz.title}, question {self.index + 1}"
        return data


def note_text(prompt: Prompt) -> str:
    """A prompt's facilitator note as plain text (citations shown as claim ids)."""
    return plain_citations(prompt.note, "[{id}]")
