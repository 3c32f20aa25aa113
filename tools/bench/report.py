"""Figures of ``make bench``: samples, medians, targets, the printed table and ``bench.json``.

Pure functions and dataclasses only (no timing, no subprocess), so ``tests/test_bench.py`` can check
the median logic, the target evaluation and the table layout quickly.
"""

from __future__ import annotations

import json
import statistics
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Unit = Literal["s", "ms", "B", "n", "%"]
Op = Literal["<=", "=="]

#: Group label of the rows measured on the course as it is built.
COURSE = "course"
#: Group label of the comparison rows: the same page as Jupyter Book gives it with ipywidgets embedding.
REFERENCE = "reference (default ipywidgets embedding)"


@dataclass
class Target:
    """A goal for a row's median: ``median <op> limit``, or ``median <op> limit × median(relative_to)``."""

    op: Op
    limit: float
    relative_to: str | None = None
    text: str = ""

    def describe(self) -> str:
        """Human-readable goal, e.g. ``≤ 15 KB`` or ``≤ 25 % of clean``."""
        if self.text:
            return self.text
        symbol = "≤" if self.op == "<=" else "="
        return f"{symbol} {self.limit:g}"


@dataclass
class Row:
    """One measured figure: its samples (one per run), unit, optional target and a short note."""

    key: str
    label: str
    unit: Unit
    samples: list[float] = field(default_factory=list)
    target: Target | None = None
    note: str = ""
    group: str = COURSE
    result: str = ""

    @property
    def missing(self) -> bool:
        """True when nothing was measured (e.g. the quiz runtime does not exist yet)."""
        return not self.samples

    @property
    def median(self) -> float | None:
        """Median of the samples (``None`` when missing)."""
        return statistics.median(self.samples) if self.samples else None

    @property
    def minimum(self) -> float | None:
        """Smallest sample (``None`` when missing)."""
        return min(self.samples) if self.samples else None

    @property
    def maximum(self) -> float | None:
        """Largest sample (``None`` when missing)."""
        return max(self.samples) if self.samples else None


def evaluate(rows: list[Row]) -> list[Row]:
    """Set each row's ``result`` to PASS, FAIL or ``n/a`` (missing figure or missing reference row)."""
    by_key = {row.key: row for row in rows}
    for row in rows:
        if row.target is None:
            row.result = ""
            continue
        value = row.median
        bound: float | None = row.target.limit
        if row.target.relative_to is not None:
            base = by_key.get(row.target.relative_to)
            bound = None if base is None or base.median is None else row.target.limit * base.median
        if value is None or bound is None:
            row.result = "n/a"
        elif row.target.op == "<=":
            row.result = "PASS" if value <= bound else "FAIL"
        else:
            row.result = "PASS" if value == bound else "FAIL"
    return rows


def format_value(value: float | None, unit: Unit) -> str:
    """A figure with its unit: seconds to 2 decimals, milliseconds to 2, bytes with separators."""
    if value is None:
        return "missing"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "%":
        return f"{value:.0f} %"
    if unit == "B":
        if value >= 100_000:
            return f"{value / 1_000_000:.2f} MB"
        if value >= 10_000:
            return f"{value / 1000:.1f} KB"
        return f"{int(value):,} B"
    return f"{int(value)}" if float(value).is_integer() else f"{value:g}"


HEADERS = ("measure", "median", "min", "max", "runs", "target", "result", "note")


def table_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    """The cells of the table (strings), one tuple per row, group headings as one-cell rows."""
    cells: list[tuple[str, ...]] = []
    group = None
    for row in rows:
        if row.group != group:
            group = row.group
            cells.append((f"[{group}]",))
        target = row.target.describe() if row.target else ""
        low = format_value(row.minimum, row.unit) if row.samples else ""
        high = format_value(row.maximum, row.unit) if row.samples else ""
        cells.append((row.label, format_value(row.median, row.unit), low, high, str(len(row.samples)),
                      target, row.result, row.note))
    return cells


def render_table(rows: list[Row], *, header: str = "", footnotes: list[str] | None = None,
                 width: int = 110) -> str:
    """A plain-text table (no third-party formatter): header line, columns, footnotes."""
    cells = table_rows(rows)
    full = [c for c in cells if len(c) == len(HEADERS)]
    widths = [max([len(h)] + [len(c[i]) for c in full]) for i, h in enumerate(HEADERS)]
    left = {0, len(HEADERS) - 1}

    def line(values: tuple[str, ...]) -> str:
        parts = [v.ljust(widths[i]) if i in left else v.rjust(widths[i]) for i, v in enumerate(values)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths[:-1]) + "  " + "-" * len(HEADERS[-1])
    out = [header] if header else []
    out += [line(HEADERS), rule]
    for c in cells:
        out.append(c[0] if len(c) == 1 else line(c))
    out.append(rule)
    for number, note in enumerate(footnotes or [], start=1):
        out.append(textwrap.fill(note, width=width, initial_indent=f"[{number}] ", subsequent_indent="    "))
    return "\n".join(out)


def to_json(rows: list[Row], **extra: Any) -> dict[str, Any]:
    """The figures as a JSON-ready dict: every row with samples, median, min, max, target, result."""
    figures = []
    for row in rows:
        data = asdict(row)
        data.pop("target")
        data.update(median=row.median, min=row.minimum, max=row.maximum,
                    target=row.target.describe() if row.target else None)
        figures.append(data)
    return {**extra, "rows": figures}


def write_json(path: Path, rows: list[Row], **extra: Any) -> Path:
    """Write :func:`to_json` to ``path`` (creating its folder) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(rows, **extra), indent=2, default=str) + "\n", encoding="utf-8")
    return path
