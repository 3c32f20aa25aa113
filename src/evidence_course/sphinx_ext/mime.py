"""myst-nb MIME renderer for the static quiz marker (filled in by the quiz engine)."""

from __future__ import annotations


class QuizMimeRenderer:
    """Renders ``application/vnd.evidence-course.quiz+json`` outputs as static quizzes."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):  # noqa: ANN001, ANN205
        return None
