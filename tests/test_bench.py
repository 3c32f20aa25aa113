"""``make bench``'s bookkeeping: medians, target evaluation, the table and Sphinx log parsing (no timing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.bench.builds import parse_sphinx_log
from tools.bench.report import (
    COURSE,
    REFERENCE,
    Row,
    Target,
    evaluate,
    format_value,
    render_table,
    write_json,
)
from tools.bench.run import TARGETS, bank_rows, parse_args


def test_median_min_max_of_samples() -> None:
    row = Row("x", "x", "s", [3.0, 1.0, 2.0, 10.0])
    assert (row.median, row.minimum, row.maximum) == (2.5, 1.0, 10.0)
    assert Row("y", "y", "s", [4.0, 1.0, 9.0]).median == 4.0


def test_missing_row_has_no_figures_and_target_is_not_applicable() -> None:
    row = Row("runtime", "runtime", "B", target=TARGETS["runtime"], note="missing: quiz.js")
    evaluate([row])
    assert row.missing and row.median is None
    assert row.result == "n/a"


@pytest.mark.parametrize(("value", "expected"), [(15_000.0, "PASS"), (15_001.0, "FAIL")])
def test_absolute_target(value: float, expected: str) -> None:
    row = Row("runtime", "runtime", "B", [value], target=Target("<=", 15_000))
    assert evaluate([row])[0].result == expected


def test_relative_target_uses_the_other_rows_median() -> None:
    clean = Row("build.clean", "clean", "s", [10.0, 20.0, 30.0])
    fast = Row("build.nochange", "no change", "s", [5.0, 5.0, 4.0], target=TARGETS["nochange"])
    slow = Row("b", "b", "s", [5.1], target=Target("<=", 0.25, relative_to="build.clean"))
    evaluate([clean, fast, slow])
    assert (fast.result, slow.result) == ("PASS", "FAIL")


def test_relative_target_without_its_base_is_not_applicable() -> None:
    row = Row("b", "b", "s", [1.0], target=Target("<=", 0.25, relative_to="build.clean"))
    assert evaluate([row])[0].result == "n/a"


def test_equality_target() -> None:
    zero, one = (Row(k, k, "n", [v], target=TARGETS["other_hosts"]) for k, v in (("a", 0.0), ("b", 1.0)))
    evaluate([zero, one])
    assert (zero.result, one.result) == ("PASS", "FAIL")


@pytest.mark.parametrize(("value", "unit", "text"), [
    (1.234, "s", "1.23 s"), (0.5, "ms", "0.50 ms"), (9_999, "B", "9,999 B"), (14_500, "B", "14.5 KB"),
    (4_400_000, "B", "4.40 MB"), (3, "n", "3"), (None, "s", "missing"),
])
def test_format_value(value: float | None, unit: str, text: str) -> None:
    assert format_value(value, unit) == text  # type: ignore[arg-type]


def test_table_has_columns_groups_results_and_footnotes() -> None:
    rows = evaluate([
        Row("build.clean", "clean build", "s", [10.0, 12.0, 11.0]),
        Row("build.nochange", "no-change rebuild", "s", [4.0, 3.0, 5.0], target=TARGETS["nochange"]),
        Row("ref", "reference page", "B", [4_400_000.0], group=REFERENCE, note="from npm"),
    ])
    table = render_table(rows, header="2 cores", footnotes=["method " * 30])
    lines = table.splitlines()
    assert lines[0] == "2 cores"
    assert lines[1].split() == ["measure", "median", "min", "max", "runs", "target", "result", "note"]
    assert f"[{COURSE}]" in lines and f"[{REFERENCE}]" in lines
    nochange = next(line for line in lines if line.startswith("no-change rebuild"))
    assert "4.00 s" in nochange and "3.00 s" in nochange and "5.00 s" in nochange and "FAIL" in nochange
    assert next(line for line in lines if line.startswith("reference page")).endswith("from npm")
    assert any(line.startswith("[1] method") for line in lines)
    first_note = next(i for i, line in enumerate(lines) if line.startswith("[1]"))
    assert all(len(line) <= 110 for line in lines[first_note:])


def test_json_carries_the_same_figures(tmp_path: Path) -> None:
    rows = evaluate([Row("make_test", "make test", "s", [100.0, 200.0, 150.0], target=TARGETS["make_test"])])
    data = json.loads(write_json(tmp_path / "out" / "bench.json", rows, cpu_count=2).read_text())
    assert data["cpu_count"] == 2
    (figure,) = data["rows"]
    expected = {"key": "make_test", "median": 150.0, "min": 100.0, "max": 200.0,
                "result": "PASS", "target": TARGETS["make_test"].text, "samples": [100.0, 200.0, 150.0]}
    assert {k: figure[k] for k in expected} == expected


def test_sphinx_log_gives_the_docs_read_and_written() -> None:
    log = (
        "updating environment: 0 added, 1 changed, 0 removed\n"
        "\x1b[01mreading sources... \x1b[39;49;00m[100%] \x1b[35mbook/what-works\x1b[39;49;00m\n"
        "/tmp/x/book/what-works.md: Using cached notebook: ID=3 [mystnb]\n"
        "writing output... [ 50%] book/progress\r"
        "writing output... [100%] book/what-works\n"
    )
    assert parse_sphinx_log(log) == (["book/what-works"], ["book/progress", "book/what-works"])


def test_make_test_runs_follow_runs_only_when_given() -> None:
    assert (parse_args([]).runs, parse_args([]).make_test_runs) == (3, 1)
    assert parse_args(["--runs", "5"]).make_test_runs == 5
    assert parse_args(["--runs", "5", "--make-test-runs", "2"]).make_test_runs == 2


def test_percent_rows_and_the_quiz_bank_figures() -> None:
    assert format_value(26.9, "%") == "27 %"
    rows = evaluate(bank_rows({}))
    assert {r.key for r in rows} >= {"bank.guesser_single", "bank.guesser_truefalse", "bank.longest_key",
                                      "bank.key_position"}
    assert all(r.result in ("PASS", "") for r in rows), [(r.key, r.median, r.result) for r in rows]
