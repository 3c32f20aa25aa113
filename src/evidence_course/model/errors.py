"""One error type for bad course data, so every message names the file, line, item and the fix."""

from __future__ import annotations

from pathlib import Path


class CourseDataError(ValueError):
    """Bad input in a course data file (claims, quiz bank, session plans).

    The message always reads ``<file>:<line>: [<item id>] <problem>. Fix: <what to do>`` so an author
    can jump straight to the place.
    """

    def __init__(
        self,
        file: Path | str,
        line: int | None,
        problem: str,
        *,
        item: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.file = str(file)
        self.line = line
        self.item = item
        self.problem = problem
        self.fix = fix
        where = f"{self.file}:{line}" if line else self.file
        text = f"{where}: "
        if item:
            text += f"[{item}] "
        text += problem
        if fix:
            text += f". Fix: {fix}"
        super().__init__(text)


class CourseDataErrors(ValueError):
    """Several :class:`CourseDataError` found in one pass, reported together."""

    def __init__(self, errors: list[CourseDataError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
