"""The evidence course: claims, quiz bank, grading and renderers for the HMPPS sex work evidence book."""

from __future__ import annotations

__all__ = ["show_quiz"]


def show_quiz(quiz_id: str):  # noqa: ANN201 - the display object's type lives in a heavier module
    """Display quiz ``quiz_id``: a live widget in a kernel, a static quiz in the built book."""
    from .live.display import show_quiz as _show_quiz

    return _show_quiz(quiz_id)
