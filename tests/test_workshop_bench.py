"""``make bench-workshop``'s bookkeeping: percentiles, medians over runs, outcomes, the table (no timing)."""

from __future__ import annotations

import argparse

import pytest

from tools.workshop_bench.client import Visit
from tools.workshop_bench.run import HEADERS, Row, RunResult, Scenario, parse_spread, percentile, render_table


def _run(firsts: list[float | None], outcomes: list[str] | None = None, **extra: object) -> RunResult:
    outcomes = outcomes or ["quiz"] * len(firsts)
    visits = [Visit(outcome=o, first_question_s=f, page_s=f, feedback_s=0.05 if f else None)
              for f, o in zip(firsts, outcomes, strict=True)]
    return RunResult(visits, peak_mb=100.0, peak_kernels=len(firsts), **extra)  # type: ignore[arg-type]


def test_nearest_rank_percentile() -> None:
    values = [float(v) for v in range(1, 21)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile([3.0], 0.95)) == (10.0, 19.0, 3.0)


def test_row_takes_the_median_over_runs_of_each_statistic() -> None:
    row = Row(Scenario(3), [_run([1.0, 2.0, 3.0]), _run([10.0, 20.0, 30.0]), _run([4.0, 5.0, 6.0])])
    cells = dict(zip(HEADERS, row.cells(), strict=True))
    assert (cells["first q p50 s"], cells["max s"]) == ("5.0", "6.0")
    assert (cells["quiz"], cells["silent"], cells["feedback p50 ms"]) == ("9/9", "0", "50")


def test_outcomes_are_counted_and_silence_shows() -> None:
    row = Row(Scenario(3, 60.0), [_run([1.0, None, None], ["quiz", "message", "silent"])])
    assert row.counts() == {"quiz": 1, "message": 1, "silent": 1, "error": 0}
    assert row.scenario.name == "3 over 60 s"
    table = render_table([row])
    assert table.splitlines()[0].startswith("scenario") and "1/3" in table


def test_cull_check_is_reported_only_where_measured() -> None:
    measured = Row(Scenario(2), [_run([1.0, 1.0], freed_s=41.0, cull_checked=True)])
    not_freed = Row(Scenario(2), [_run([1.0, 1.0], freed_s=None, cull_checked=True)])
    unmeasured = Row(Scenario(2), [_run([1.0, 1.0])])
    assert [r.cells()[-1] for r in (measured, not_freed, unmeasured)] == ["41 s", "not within 180 s", ""]


def test_spread_option() -> None:
    assert parse_spread("20:60") == Scenario(20, 60.0)
    with pytest.raises(argparse.ArgumentTypeError, match="PEOPLE:SECONDS"):
        parse_spread("twenty")
