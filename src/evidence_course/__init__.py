"""The evidence course: claims, quiz bank, grading and renderers for the HMPPS sex work evidence book."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .live.display import QuizDisplay

__all__ = ["show_quiz"]


def show_quiz(quiz_id: str) -> QuizDisplay:
    """Display quiz ``quiz_id``: a live widget in a kernel, a static quiz in the built book."""
    from .live.display import show_quiz as _show_quiz

    return _show_quiz(quiz_id)
