"""``show_quiz``: one notebook cell that is a live quiz in a kernel and a static quiz in the book.

The display object's MIME bundle holds a generic ``text/plain``, the marker
``application/vnd.evidence-course.quiz+json: {"quiz": <id>}`` (the book's MIME renderer builds the quiz
from the current bank) and, outside a book build, the ipywidgets view. ``course build`` runs Jupyter Book
with ``EVIDENCE_COURSE_STATIC_BUILD=1`` for the kernels it starts, so no widget state is stored in the
execution cache (the Sphinx extension warns when a quiz page's stored outputs hold some anyway).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .widgets import QuizWidget

QUIZ_MIME = "application/vnd.evidence-course.quiz+json"
STATIC_BUILD_ENV = "EVIDENCE_COURSE_STATIC_BUILD"


class QuizDisplay:
    """What ``show_quiz`` returns; Jupyter displays it through :meth:`_repr_mimebundle_`."""

    def __init__(self, quiz_id: str) -> None:
        self.quiz_id = quiz_id
        self._widget: QuizWidget | None = None

    @property
    def widget(self) -> QuizWidget:
        """The live :class:`~evidence_course.widgets.QuizWidget` (built from the bank on first use)."""
        if self._widget is None:
            from ..model.course import Course
            from .widgets import QuizWidget, section_links

            course = Course.find()
            bank = course.bank()
            if self.quiz_id not in bank:
                raise KeyError(f"unknown quiz id {self.quiz_id!r}: no quizzes/{self.quiz_id}.yml")
            self._widget = QuizWidget(bank[self.quiz_id], section_links(course, bank[self.quiz_id]))
        return self._widget

    def text(self) -> str:
        """The plain-text stand-in (kept generic: it is cached and other frontends fall back to it)."""
        return f"Quiz: {self.quiz_id} (open the book or a live notebook to answer)"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {}
        if not os.environ.get(STATIC_BUILD_ENV):
            widget_bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
            data = widget_bundle[0] if isinstance(widget_bundle, tuple) else widget_bundle
            bundle.update(data or {})
        bundle["text/plain"] = self.text()
        bundle[QUIZ_MIME] = {"quiz": self.quiz_id}
        return bundle

    def __repr__(self) -> str:
        return self.text()


def show_quiz(quiz_id: str) -> QuizDisplay:
    """Display quiz ``quiz_id`` (see the module docstring for what each frontend shows)."""
    return QuizDisplay(quiz_id)
