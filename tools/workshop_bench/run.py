"""``make bench-workshop``: how many people the live quiz serves on this computer (a benchmark, not a test).

For each scenario it starts Voilà on a free 127.0.0.1 port with the course's configuration
(``workshop/voila.json``, as ``make workshop`` does; ``--pool N`` adds room mode's preheated pool),
sends N protocol-level participants (:mod:`.client`: the page, then the kernel WebSocket; no
browser), all at once or spread over a time, and stops Voilà and every kernel it started::

    python -m tools.workshop_bench [--people 1 5 10 20] [--spread 20:60] [--runs 3] [--pool 0]
                                   [--cull-check] [--page-weight]

Prints one row per scenario: outcomes (quiz / message / silent / error; *silent* must be 0), time to
the first question (p50, p95, max; the median over runs of each), the page alone, click-to-feedback,
and the peak memory of Voilà and its kernels. ``--cull-check`` then closes the last crowd's pages
and times how long their kernels live on; ``--page-weight`` loads the quiz page in Chromium with
Voilà's defaults and with the course's configuration and counts requests and bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from evidence_course.live.voila import PARTICIPANT, start_voila, stop_voila, wait_until_serving
from evidence_course.model.course import Course

from .client import OUTCOMES, Visit, crowd

#: A static file every Voilà serves: polled to know the server is up without starting a kernel.
READY_PATH = "voila/static/voila.js"
POOL_FILLED = "is filled with"


@dataclass
class Scenario:
    """``people`` participants arriving evenly over ``spread_s`` seconds (0: all at once)."""

    people: int
    spread_s: float = 0.0
    pool: int = 0

    @property
    def name(self) -> str:
        when = "at once" if not self.spread_s else f"over {self.spread_s:g} s"
        return f"{self.people} {when}" + (f", pool {self.pool}" if self.pool else "")


@dataclass
class RunResult:
    visits: list[Visit]
    peak_mb: float
    peak_kernels: int
    #: seconds until the closed pages' kernels were gone (None: not freed in time); only with cull_checked
    freed_s: float | None = None
    cull_checked: bool = False


@dataclass
class Served:
    """One Voilà started for the benchmark, its log drained in a thread."""

    process: subprocess.Popen
    url: str
    log: list[str] = field(default_factory=list)
    pool_filled: threading.Event = field(default_factory=threading.Event)

    def drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if POOL_FILLED in line:
                self.pool_filled.set()


def tree(pid: int) -> list[psutil.Process]:
    """Voilà and every process below it (kernels)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def kernels(pid: int) -> list[psutil.Process]:
    """The kernels Voilà started (``ipykernel_launcher`` processes below it)."""
    found = []
    for proc in tree(pid)[1:]:
        try:
            if any("ipykernel_launcher" in part for part in proc.cmdline()):
                found.append(proc)
        except psutil.NoSuchProcess:
            continue
    return found


def rss_mb(pid: int) -> float:
    total = 0
    for proc in tree(pid):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 1e6


class Sampler(threading.Thread):
    """Peak memory and kernel count of Voilà's process tree, sampled every half second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self.peak_kernels = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.peak_mb = max(self.peak_mb, rss_mb(self.pid))
            self.peak_kernels = max(self.peak_kernels, len(kernels(self.pid)))


def start(course: Course, pool: int = 0, config_dirs: Sequence[Path] = ()) -> Served:
    process, url = start_voila(course, None, PARTICIPANT, pool=pool, tracebacks=False,
                               config_dirs=config_dirs, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    served = Served(process, url)
    threading.Thread(target=served.drain, daemon=True).start()
    try:
        wait_until_serving(process, url + READY_PATH, seconds=120)
        if pool:
            if not served.pool_filled.wait(timeout=60 + 10 * pool):
                raise RuntimeError(f"the pool of {pool} kernels was not started in time")
            wait_quiet(process.pid, seconds=60 + 10 * pool)
    except BaseException:
        stop_voila(process, timeout=30)
        raise
    return served


def wait_quiet(pid: int, seconds: float, busy: float = 20.0) -> None:
    """Wait (at most ``seconds``) until Voilà and its kernels use under ``busy`` % of one core.

    Voilà says its pool "is filled" once the kernels have started, while they still run the notebook.
    """
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        procs = tree(pid)
        for proc in procs:
            try:
                proc.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        time.sleep(2)
        used = 0.0
        for proc in procs:
            try:
                used += proc.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        if used < busy:
            return


def wait_for_kernels(pid: int, at_most: int, seconds: float) -> float | None:
    """Seconds until at most ``at_most`` kernels run below ``pid`` (None if not within ``seconds``)."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if len(kernels(pid)) <= at_most:
            return time.monotonic() - began
        time.sleep(1)
    return None


def run_once(course: Course, scenario: Scenario, *, timeout: float, cull_check: bool = False,
             config_dirs: Sequence[Path] = ()) -> RunResult:
    """Start Voilà, send the crowd, close their pages, stop Voilà; the crowd's visits and the peaks."""
    served = start(course, scenario.pool, config_dirs)
    sampler = Sampler(served.process.pid)
    sampler.start()
    freed = None
    try:

        async def session() -> list[Visit]:
            visits = await crowd(served.url, scenario.people, spread_s=scenario.spread_s, timeout=timeout)
            sampler.peak_mb = max(sampler.peak_mb, rss_mb(served.process.pid))
            for visit in visits:  # everybody closes the tab
                visit.close()
            await asyncio.sleep(0.5)
            return visits

        visits = asyncio.run(session())
        if cull_check:
            freed = wait_for_kernels(served.process.pid, scenario.pool, seconds=180)
    finally:
        sampler.done.set()
        stop_voila(served.process, timeout=60)
    return RunResult(visits, sampler.peak_mb, sampler.peak_kernels, freed, cull_check)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Row:
    scenario: Scenario
    runs: list[RunResult]

    def _per_run(self, attr: str, share: float | None) -> float | None:
        figures = []
        for run in self.runs:
            values = [getattr(v, attr) for v in run.visits if getattr(v, attr) is not None]
            if values:
                figures.append(max(values) if share is None else percentile(values, share))
        return statistics.median(figures) if figures else None

    def counts(self) -> dict[str, int]:
        return {o: sum(v.outcome == o for run in self.runs for v in run.visits) for o in OUTCOMES}

    def cells(self) -> list[str]:
        def s(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
            return "-" if value is None else f"{value * scale:.{digits}f}"

        counts = self.counts()
        total = sum(counts.values())
        freed_text = ", ".join("not within 180 s" if r.freed_s is None else f"{r.freed_s:.0f} s"
                               for r in self.runs if r.cull_checked)
        return [self.scenario.name, str(len(self.runs)), f"{counts['quiz']}/{total}", str(counts["message"]),
                str(counts["silent"]), str(counts["error"]),
                s(self._per_run("first_question_s", 0.5)), s(self._per_run("first_question_s", 0.95)),
                s(self._per_run("first_question_s", None)), s(self._per_run("page_s", 0.5)),
                s(self._per_run("feedback_s", 0.5), 1000, 0), s(self._per_run("feedback_s", None), 1000, 0),
                f"{statistics.median(r.peak_mb for r in self.runs):.0f}",
                str(max(r.peak_kernels for r in self.runs)), freed_text]


HEADERS = ["scenario", "runs", "quiz", "message", "silent", "error", "first q p50 s", "p95 s", "max s",
           "page p50 s", "feedback p50 ms", "max ms", "peak MB", "kernels", "closed pages freed after"]


def render_table(rows: list[Row]) -> str:
    """The rows as a plain-text table (same format as ``make bench``)."""
    body = [row.cells() for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(HEADERS)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in lines)


def parse_spread(text: str) -> Scenario:
    """``"20:60"`` → 20 people arriving evenly over 60 s."""
    try:
        people, seconds = text.split(":")
        return Scenario(int(people), float(seconds))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--spread wants PEOPLE:SECONDS, e.g. 20:60, not {text!r}") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    top = argparse.ArgumentParser(prog="python -m tools.workshop_bench", description=__doc__.split("\n\n")[0])
    top.add_argument("--people", type=int, nargs="+", default=[1, 5, 10, 20],
                     help="crowd sizes opening the quiz at once (default: 1 5 10 20)")
    top.add_argument("--spread", type=parse_spread, nargs="*", default=[Scenario(20, 60.0)],
                     help="PEOPLE:SECONDS crowds arriving evenly over a time (default: 20:60)")
    top.add_argument("--runs", type=int, default=3, help="runs per scenario, a fresh Voilà each (default 3)")
    top.add_argument("--pool", type=int, default=0, help="preheated kernels (room mode's PEOPLE; default 0)")
    top.add_argument("--timeout", type=float, default=300, help="seconds a participant waits (default 300)")
    top.add_argument("--cull-check", action="store_true",
                     help="after the last run, time until the closed pages' kernels are gone")
    top.add_argument("--page-weight", action="store_true",
                     help="also load the page in Chromium (Voilà defaults vs the course's config)")
    args = top.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.people):
        top.error("--runs and --people must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    course = Course.find()
    scenarios = [Scenario(n, 0.0, args.pool) for n in args.people]
    scenarios += [Scenario(s.people, s.spread_s, args.pool) for s in args.spread]
    load = os.getloadavg()
    print(f"Workshop load benchmark on {platform.node()}: {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 1e9:.1f} GB, load average at start "
          f"{', '.join(f'{x:.2f}' for x in load)}; Python {platform.python_version()}; "
          f"config {course.workshop_dir / 'voila.json'}", flush=True)
    rows = []
    for index, scenario in enumerate(scenarios):
        results = []
        for number in range(1, args.runs + 1):
            cull = args.cull_check and index == len(scenarios) - 1 and number == args.runs
            print(f"  {scenario.name}: run {number}/{args.runs}{' (with cull check)' if cull else ''} …",
                  flush=True)
            results.append(run_once(course, scenario, timeout=args.timeout, cull_check=cull))
        rows.append(Row(scenario, results))
    print()
    print(render_table(rows))
    details = sorted({v.detail for row in rows for run in row.runs for v in run.visits if v.detail})
    if details:
        print("\nWhat went wrong, if anything:\n" + "\n".join(f"  - {d}" for d in details))
    if args.page_weight:
        from .weight import compare_page_weight

        print()
        print(compare_page_weight(course))
    out = Path(os.environ.get("COURSE_BUILD_DIR") or course.root / "_build") / "bench-workshop.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"cores": os.cpu_count(), "load_average_at_start": load, "rows": [
        {"scenario": row.scenario.name, "cells": dict(zip(HEADERS, row.cells(), strict=True)),
         "runs": [{"peak_mb": r.peak_mb, "peak_kernels": r.peak_kernels, "freed_s": r.freed_s,
                   "visits": [{k: getattr(v, k) for k in ("outcome", "page_s", "first_question_s",
                                                           "feedback_s", "detail")} for v in r.visits]}
                  for r in row.runs]} for row in rows]}, indent=1), encoding="utf-8")
    print(f"\nWrote {out}")
    silent = sum(row.counts()["silent"] for row in rows)
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
