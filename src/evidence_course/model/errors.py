"""One error type for bad course data, so every message names the file, line, item and the fix.

A loader that finds one problem raises a :class:`CourseDataError`; one that finds several in one pass
raises them together as a :class:`CourseDataErrors` (an :class:`ExceptionGroup`, so ``except*
CourseDataError`` sees each). :func:`raise_all` picks between the two; :func:`errors_of` undoes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Self


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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the fields (parallel Sphinx builds send errors between processes)."""
        return _rebuild, (type(self), self.file, self.line, self.problem, self.item, self.fix)


def _rebuild(cls: type[CourseDataError], file: str, line: int | None, problem: str, item: str | None,
             fix: str | None) -> CourseDataError:
    return cls(file, line, problem, item=item, fix=fix)


class CourseDataErrors(ExceptionGroup[CourseDataError], ValueError):
    """Several :class:`CourseDataError` found in one pass, reported together (one message a line)."""

    def __new__(cls, errors: Iterable[CourseDataError]) -> Self:
        found = list(errors)
        return super().__new__(cls, f"{len(found)} problems in the course data", found)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.exceptions)

    @property
    def errors(self) -> list[CourseDataError]:
        """Each problem, in the order found (a nested group's problems in its place)."""
        found: list[CourseDataError] = []
        for exc in self.exceptions:
            if isinstance(exc, CourseDataErrors):
                found += exc.errors
            elif isinstance(exc, CourseDataError):
                found.append(exc)
        return found

    def derive(self, excs: Sequence[CourseDataError]) -> CourseDataErrors:  # type: ignore[override]
        """The same kind of group with other members (used by ``except*`` and ``split``)."""
        return CourseDataErrors(excs)


def errors_of(exc: CourseDataError | CourseDataErrors) -> list[CourseDataError]:
    """The problems one raised error stands for (one, or each of a group)."""
    return exc.errors if isinstance(exc, CourseDataErrors) else [exc]


def one_or_all(errors: Sequence[CourseDataError]) -> CourseDataError | CourseDataErrors:
    """The error to raise for ``errors`` (not empty): the one problem itself, or all of them together."""
    return errors[0] if len(errors) == 1 else CourseDataErrors(errors)


def raise_all(errors: Sequence[CourseDataError]) -> None:
    """Raise nothing when ``errors`` is empty, else :func:`one_or_all` of them."""
    if errors:
        raise one_or_all(errors)
