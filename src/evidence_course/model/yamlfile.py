"""Read YAML while keeping line numbers, and turn schema errors into messages that name the line.

ruamel.yaml's round-trip loader records where each mapping key and list item starts; pydantic
reports a *location* (a path of keys and indexes). :func:`line_of` walks that path through the loaded
document to find the line to report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import CourseDataError, CourseDataErrors, errors_of, one_or_all, raise_all

M = TypeVar("M", bound=BaseModel)


def load_yaml(path: Path) -> Any:
    """Load ``path`` with line information kept; a YAML syntax error names file and line."""
    yaml = YAML(typ="rt")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise CourseDataError(
            path, line, f"YAML syntax error: {exc.problem}", fix="correct the YAML at that line"
        ) from exc
    except FileNotFoundError as exc:
        raise CourseDataError(path, None, "file not found") from exc


def line_of(doc: Any, loc: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node of ``loc`` found in ``doc`` (None when there is none)."""
    line: int | None = None
    node = doc
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def item_id(doc: Any, loc: Sequence[str | int]) -> str | None:
    """The ``id`` of the innermost mapping on ``loc`` that has one (for error messages)."""
    found: str | None = None
    node = doc
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


Loc = Sequence[str | int]


def schema_errors(
    exc: ValidationError,
    doc: Any,
    path: Path,
    what: str,
    *,
    fix: str | None = None,
    fixes: Mapping[str, str] | None = None,
    item: Callable[[Loc], str | None] | None = None,
) -> list[CourseDataError]:
    """Each problem pydantic found in ``doc`` (read from ``path``) as a :class:`CourseDataError`.

    The message names the field's path and pydantic's words; the line is where that field starts in
    the file. ``item`` names the item at a location (default: the ``id`` of the innermost mapping);
    ``fixes`` maps a field name to its fix, ``fix`` is the fix for every other field.
    """
    fix = fix or f"see the {what} format described at the top of the file and in the README"
    errors = []
    for err in exc.errors():
        loc = [part for part in err["loc"] if not isinstance(part, str) or part]
        field = ".".join(str(p) for p in loc) or what
        last = next((p for p in reversed(loc) if isinstance(p, str)), "")
        errors.append(CourseDataError(
            path, line_of(doc, loc), f"{field}: {err['msg']}",
            item=item(loc) if item else item_id(doc, loc),
            fix=(fixes or {}).get(last, fix),
        ))
    return errors


def validate(
    model: type[M],
    doc: Any,
    path: Path,
    what: str,
    *,
    bools_as_text: bool = False,
    fix: str | None = None,
    fixes: Mapping[str, str] | None = None,
    item: Callable[[Loc], str | None] | None = None,
) -> M:
    """Validate ``doc`` against ``model``; on failure raise every problem with its line and item id.

    The keyword arguments are those of :func:`to_plain` and :func:`schema_errors`.
    """
    try:
        return model.model_validate(to_plain(doc, bools_as_text=bools_as_text))
    except ValidationError as exc:
        raise one_or_all(schema_errors(exc, doc, path, what, fix=fix, fixes=fixes, item=item)) from exc


class Problems:
    """Collects every problem of a set of data files, to report them all at once."""

    def __init__(self) -> None:
        self.errors: list[CourseDataError] = []

    def fail(self, path: Path, doc: Any, loc: Loc, item: str | None, problem: str, fix: str) -> None:
        """Record ``problem`` at the line of ``loc`` in ``doc`` (read from ``path``)."""
        self.errors.append(CourseDataError(path, line_of(doc, loc), problem, item=item, fix=fix))

    def collect(self, exc: CourseDataError | CourseDataErrors) -> None:
        """Record the problems of a loader that raised."""
        self.errors += errors_of(exc)

    def raise_errors(self) -> None:
        """Raise what was recorded (nothing, the one problem, or all of them together)."""
        raise_all(self.errors)


def to_plain(node: Any, *, bools_as_text: bool = False) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic then sees ordinary data).

    ``bools_as_text`` turns YAML booleans into ``"true"``/``"false"``: in the quiz bank ``id: true``
    names a truefalse option, not a boolean.
    """
    if isinstance(node, dict):
        return {str(k): to_plain(v, bools_as_text=bools_as_text) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v, bools_as_text=bools_as_text) for v in node]
    if isinstance(node, str):
        return str(node)
    if bools_as_text and isinstance(node, bool):
        return "true" if node else "false"
    return node
