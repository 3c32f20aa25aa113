"""``make bench``: how fast the book builds and how light and quick its quizzes are (a benchmark, not a test).

Measured on a copy of the book in a temporary folder (the working tree is never edited)::

    python -m tools.bench [--runs N] [--skip-make-test] [--skip-reference] [--keep]

Prints a table (median, min and max over the runs, a target and PASS/FAIL beside each figure) and
writes the same figures to ``<COURSE_BUILD_DIR>/bench.json``. Figures: clean build, no-change rebuild,
rebuild after a prose edit and after a quiz edit (with the pages Sphinx re-read and re-wrote), bytes
of the static quiz runtime, the heaviest quiz page's weight in Chromium (every request, other hosts
routed and counted), click-to-feedback per question, ``make test`` wall time, and the same page built
the default Jupyter Book way with ipywidgets embedding as a reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from evidence_course.model.course import Course
from evidence_course.site.build import root_page as toc_root

from . import builds as bb
from .report import COURSE, REFERENCE, Row, Target, Unit, evaluate, render_table, write_json

ROOT = Course.find().root
BUILD_DIR = Path(os.environ.get("COURSE_BUILD_DIR") or ROOT / "_build")

RUNTIME_DIR = ROOT / "src" / "evidence_course" / "sphinx_ext" / "static"
RUNTIME_FILES = ("quiz.js", "quiz.css")
HEAVY_NAMES = ("require.js", "require.min.js", "embed-amd", "html-manager")
FALLBACK_PAGE = "book/final-assessment"

TARGETS = {
    "runtime": Target("<=", 15_000, text="≤ 15 KB"),
    "runtime_gzip": Target("<=", 5_000, text="≤ 5 KB"),
    "other_hosts": Target("==", 0, text="0"),
    "heavy_pages": Target("==", 0, text="0"),
    "nochange": Target("<=", 0.25, relative_to="build.clean", text="≤ 25 % of clean"),
    "feedback": Target("<=", 16, text="≤ 16 ms"),
    # The suite drives Chromium, Voilà kernels, SCORM launches and PDF builds (about 660 tests): the
    # guide asks CI to finish well inside 90 minutes and aims for under 15.
    "make_test": Target("<=", 900, text="≤ 15 min"),
    "quiz_scope": Target("==", 0, text="0"),
    "first_load": Target("<=", 500_000, text="≤ 500 KB"),
    "guesser_single": Target("<=", 45, text="≤ 45 %"),
    "guesser_truefalse": Target("<=", 60, text="≤ 60 %"),
    "key_extreme": Target("<=", 30, text="≤ 30 %"),
    "key_position": Target("<=", 35, text="≤ 35 %"),
    "scenario_ratio": Target("<=", 1.3, text="≤ 1.3"),
}

#: Group label of the quiz bank's item-writing figures (evidence_course.model.item_rules).
BANK = "quiz bank (item-writing rules; one run: not timed)"


class BenchError(RuntimeError):
    """A step the rest of the benchmark depends on failed (e.g. the clean build)."""


def _fail_build(what: str, run: bb.BuildRun) -> BenchError:
    tail = "\n".join(run.log.splitlines()[-40:])
    return BenchError(f"{what} failed (exit {run.returncode}); last lines of its log:\n{tail}")


def measure_builds(copy: Path, build_dir: Path, runs: int, facts: dict[str, Any]) -> list[Row]:
    """Clean, no-change, prose-edit and quiz-edit builds, ``runs`` times each (each series from clean)."""
    prose_doc = bb.prose_chapter(copy)
    quiz_id, embedders = bb.quiz_to_edit(copy)
    clean = Row("build.clean", "clean build (cache + outputs emptied)", "s")
    nochange = Row("build.nochange", "no-change rebuild", "s", target=TARGETS["nochange"])
    prose = Row("build.prose", f"rebuild after prose edit ({prose_doc})", "s")
    quiz = Row("build.quiz", f"rebuild after quiz edit ({quiz_id or 'no quiz'})", "s")
    scope = Row("build.quiz_scope", "quiz edit: pages re-read/written beyond its embedders", "n",
                target=TARGETS["quiz_scope"])
    facts["quiz_edit"] = {"quiz": quiz_id, "embedded_by": embedders, "runs": []}
    facts["prose_edit"] = {"doc": prose_doc, "runs": []}
    for number in range(1, runs + 1):
        bb.clean(build_dir)
        print(f"  run {number}/{runs}: clean build…", flush=True)
        run = bb.timed_build(copy, build_dir)
        if run.returncode:
            raise _fail_build("clean build", run)
        clean.samples.append(run.seconds)
        run = bb.timed_build(copy, build_dir)
        if run.returncode:
            raise _fail_build("no-change rebuild", run)
        nochange.samples.append(run.seconds)
        facts.setdefault("nochange_read", []).append(run.read)
        bb.edit_prose(copy, prose_doc, number)
        run = bb.timed_build(copy, build_dir)
        if run.returncode:
            raise _fail_build("prose-edit rebuild", run)
        prose.samples.append(run.seconds)
        facts["prose_edit"]["runs"].append({"read": run.read, "written": run.written})
        if quiz_id:
            edited = bb.edit_quiz(copy, quiz_id, number)
            run = bb.timed_build(copy, build_dir)
            if run.returncode:
                raise _fail_build("quiz-edit rebuild", run)
            quiz.samples.append(run.seconds)
            extra = (set(run.read) | set(run.written)) ^ set(embedders)
            scope.samples.append(len(extra))
            facts["quiz_edit"]["runs"].append({
                "edited": edited, "read": run.read, "written": run.written,
                "pages_changed": run.pages_changed, "unexpected": sorted(extra),
            })
    last = facts["quiz_edit"]["runs"][-1] if facts["quiz_edit"]["runs"] else None
    if last:
        scope.note = f"read {','.join(last['read']) or '-'}; wrote {','.join(last['written']) or '-'}"
    else:
        quiz.note = scope.note = "no quiz file yet"
    return [clean, nochange, *startup_rows(runs), prose, quiz, scope]


STARTUP_PROBES = (
    ("build.startup", "  of which: start-up (import jupyter_book.sphinx)",
     "import jupyter_book.sphinx"),
)


def startup_rows(runs: int) -> list[Row]:
    """Fixed cost every build pays before Sphinx reads a page: importing Jupyter Book (diagnostic rows)."""
    rows = []
    for key, label, statement in STARTUP_PROBES:
        row = Row(key, label, "s")
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", statement], capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            if done.returncode:
                row.note = "not installed"
                break
            row.samples.append(elapsed)
        rows.append(row)
    rows[0].note = rows[0].note or "Python + imports, no Sphinx work"
    return rows


def runtime_rows(facts: dict[str, Any]) -> list[Row]:
    """Bytes of the static quiz runtime (``quiz.js`` + ``quiz.css``) as shipped: minified by the
    extension's minifier, and gzipped; the readable sources' size in the note."""
    from evidence_course.sphinx_ext.minify import gzip_size, minify

    files = [RUNTIME_DIR / name for name in RUNTIME_FILES if (RUNTIME_DIR / name).is_file()]
    shipped = {p.name: minify(p.name, p.read_text(encoding="utf-8")).encode("utf-8") for p in files}
    sizes = {name: {"source": (RUNTIME_DIR / name).stat().st_size, "minified": len(data),
                    "gzip": gzip_size(data)} for name, data in shipped.items()}
    facts["runtime"] = sizes
    row = Row("runtime.bytes", "static quiz runtime quiz.js + quiz.css, minified", "B",
              target=TARGETS["runtime"])
    gz = Row("runtime.gzip", "  the same, gzipped", "B", target=TARGETS["runtime_gzip"])
    if len(sizes) == len(RUNTIME_FILES):
        row.samples = [float(sum(s["minified"] for s in sizes.values()))]
        gz.samples = [float(sum(s["gzip"] for s in sizes.values()))]
        row.note = "sources " + ", ".join(f"{name} {s['source']:,} B" for name, s in sizes.items())
    else:
        row.note = "missing: " + ", ".join(n for n in RUNTIME_FILES if n not in sizes)
    return [row, gz]


def bank_rows(facts: dict[str, Any]) -> list[Row]:
    """How far a test-wise learner gets on the quiz bank: guessers, key length and position (shares, %)."""
    from evidence_course.model.item_rules import figures, source_text

    course = Course.at(ROOT)
    found = figures(course.bank(check_sections=False), source_text(course.source_file))
    facts["bank"] = found
    positions = ", ".join(f"{k[-1]} {v:.0%}" for k, v in found.items() if k.startswith("single_position_")
                          and len(k) == len("single_position_a"))

    def row(key: str, label: str, value: float, target: str | None = None, note: str = "",
            unit: Unit = "%") -> Row:
        return Row(f"bank.{key}", label, unit, [value * 100 if unit == "%" else value],
                   target=TARGETS[target] if target else None, note=note, group=BANK)

    return [
        row("guesser_single", "word-matching guesser, single choice", found["guesser_single"],
            "guesser_single", "picks the option sharing most words with the summary"),
        row("guesser_truefalse", "word-matching guesser, true/false", found["guesser_truefalse"],
            "guesser_truefalse", "true when 9 in 10 of its words are the summary's"),
        row("contrary_single", "  contrary guesser (fewest words), single", found["contrary_single"],
            "guesser_single"),
        row("contrary_truefalse", "  contrary guesser, true/false", found["contrary_truefalse"],
            "guesser_truefalse"),
        row("longest_key", "key strictly the longest option (single)", found["longest_key"],
            "key_extreme"),
        row("shortest_key", "key strictly the shortest option (single)", found["shortest_key"],
            "key_extreme"),
        row("scenario_ratio", "longest scenario key / its longest distractor",
            round(found["scenario_key_ratio_max"], 2), "scenario_ratio", unit="n"),
        row("key_position", "most-used key position (single)", found["single_position_max"], "key_position",
            positions),
        row("truefalse_true", "true/false questions keyed true", found["truefalse_true"],
            note="rule: 40-60 %"),
        row("application", "application questions", found["application"], note="rule: at least 50 %"),
    ]


def heavy_pages(html: Path) -> list[str]:
    """Built pages that reference require.js or the widget manager."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if any(name in p.read_text(encoding="utf-8", errors="replace") for name in HEAVY_NAMES))


def page_rows(html: Path, page: str, runs: int, group: str, prefix: str, facts: dict[str, Any],
              resolve: Any = None, label_page: str = "") -> list[Row]:
    """Weight of ``page`` loaded ``runs`` times in Chromium from 127.0.0.1 (fresh cache each time)."""
    from evidence_course.site.serve import serving as serve

    from .browser import chromium, load_page, local_path

    weight = Row(f"{prefix}.bytes", f"{label_page or page}: bytes transferred", "B", group=group)
    requests = Row(f"{prefix}.requests", "  requests", "n", group=group)
    other = Row(f"{prefix}.other_hosts", "  requests to other hosts", "n", group=group,
                target=TARGETS["other_hosts"])
    other_bytes = Row(f"{prefix}.other_host_bytes", "  bytes from other hosts", "B", group=group,
                      target=TARGETS["other_hosts"])
    heavy = Row(f"{prefix}.heavy_pages", "  pages loading require.js / widget manager", "n", group=group,
                target=TARGETS["heavy_pages"])
    loads = []
    with serve(html) as base, chromium() as browser:
        for _ in range(runs):
            load = load_page(browser, base, page, resolve)
            loads.append(load)
            weight.samples.append(float(load.total_bytes))
            requests.samples.append(float(len(load.assets) + len(load.unsatisfied)))
            other.samples.append(float(len(load.other_host_requests)))
            other_bytes.samples.append(float(load.other_host_bytes))
    found = heavy_pages(html)
    heavy.samples = [float(len(found))]
    heavy.note = ", ".join(found[:3]) + (" …" if len(found) > 3 else "") if found else ""
    last = loads[-1]
    if last.unsatisfied:
        other.note = f"{len(last.unsatisfied)} not answerable offline"
    facts[prefix] = {
        "page": page,
        "assets": [{"path": local_path(a.url) if a.local else a.url, "bytes": a.bytes, "status": a.status}
                   for a in last.assets],
        "other_host_requests": last.other_host_requests,
        "unsatisfied": last.unsatisfied,
        "heavy_pages": found,
    }
    return [weight, requests, other, other_bytes, heavy]


def root_page(copy: Path) -> str:
    """The site page of the book's root (``book/intro.html``)."""
    return toc_root(Course.at(copy))


def site_pages(html: Path) -> list[str]:
    """Every HTML page of the built site (search and index pages included), relative to it."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(html).parts))


def site_rows(html: Path, root_page: str, runs: int, facts: dict[str, Any]) -> list[Row]:
    """First-load and next-page bytes of every page; the worst of each, against the 500 KB budget.

    First load: a fresh context (empty cache) opens the page. Next page: the same context first opens
    the book's root page (for the root page itself: the next page in the list), then the page; only
    what comes over the network then is counted.
    """
    from evidence_course.site.serve import serving as serve

    from .browser import chromium, load_page

    pages = site_pages(html)
    per_page: dict[str, dict[str, Any]] = {}
    first = Row("site.first_worst", "every page, first load: worst", "B", group=COURSE,
                target=TARGETS["first_load"])
    nxt = Row("site.next_worst", "every page, next page after the root page: worst", "B", group=COURSE)
    other = Row("site.other_hosts", "  requests to other hosts, all pages", "n", group=COURSE,
                target=TARGETS["other_hosts"])
    with serve(html) as base, chromium() as browser:
        for _ in range(runs):  # bytes do not vary between runs: once is enough (see main)
            worst_first, worst_next, others = (0, ""), (0, ""), 0
            for page in pages:
                before = root_page if page != root_page else next(p for p in pages if p != root_page)
                cold = load_page(browser, base, page)
                warm = load_page(browser, base, page, after=before)
                others += len(cold.other_host_requests) + len(warm.other_host_requests)
                entry = per_page.setdefault(page, {"first": [], "next": [], "requests": len(cold.assets),
                                                   "after": before})
                entry["first"].append(cold.total_bytes)
                entry["next"].append(warm.total_bytes)
                worst_first = max(worst_first, (cold.total_bytes, page))
                worst_next = max(worst_next, (warm.total_bytes, page))
            first.samples.append(float(worst_first[0]))
            nxt.samples.append(float(worst_next[0]))
            other.samples.append(float(others))
            first.note, nxt.note = worst_first[1], worst_next[1]
    facts["site"] = {page: {"requests": e["requests"], "first_load": min(e["first"]),
                            "next_page": min(e["next"]), "after": e["after"]}
                     for page, e in per_page.items()}
    first.note = f"{first.note}; {len(pages)} pages"
    return [first, nxt, other]


def site_listing(facts: dict[str, Any]) -> str:
    """The first-load and next-page bytes of every page, heaviest first."""
    site = facts.get("site")
    if not site:
        return ""
    out = [f"{'first load':>12}  {'next page':>10}  {'requests':>8}  page (next page: after the root page)"]
    for page, e in sorted(site.items(), key=lambda item: -item[1]["first_load"]):
        out.append(f"{e['first_load']:>12,}  {e['next_page']:>10,}  {e['requests']:>8}  {page}")
    return "\n".join(out)


def feedback_rows(html: Path, pages: list[str], runs: int, facts: dict[str, Any]) -> list[Row]:
    """Click-to-feedback over every question of every quiz page (``runs`` passes)."""
    from evidence_course.site.serve import serving as serve

    from .browser import chromium, click_to_feedback

    row = Row("feedback.click", "click-to-feedback, every question (MutationObserver)", "ms",
              target=TARGETS["feedback"])
    hook = Row("feedback.hook", "  grading+feedback, quiz.js performance measures", "ms")
    failures: list[str] = []
    questions = 0
    if pages:
        with serve(html) as base, chromium() as browser:
            for _ in range(runs):
                questions = 0
                for page in pages:
                    times = click_to_feedback(browser, base, f"{page}.html")
                    questions += times.questions
                    row.samples += times.click_ms
                    hook.samples += times.hook_ms
                    failures += [f"{page}: {f}" for f in times.failures]
    row.note = f"{questions} questions × {runs}" if questions else "no quiz questions found on the pages"
    if failures:
        row.note += f"; {len(failures)} not measured"
    if not hook.samples:
        hook.note = "quiz.js records no performance measure"
    facts["feedback"] = {"pages": pages, "questions": questions, "failures": failures[:50]}
    return [row, hook]


def reference_rows(tmp: Path, page: str, runs: int, facts: dict[str, Any]) -> list[Row]:
    """Build the reference copy (widget view preferred, CDN widget JS) and weigh the same page."""
    from . import reference as ref

    copy = bb.copy_course(tmp / "snapshot", tmp / "reference")
    build_dir = tmp / "reference-build"
    ref.make_reference_config(copy)
    print("  reference build (default ipywidgets embedding)…", flush=True)
    start = time.perf_counter()
    done = ref.build_reference(copy, build_dir)
    facts["reference_build_seconds"] = time.perf_counter() - start
    html = ref.html_dir(build_dir)
    if done.returncode or not (html / f"{page}.html").exists():
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        print(f"  reference build failed (exit {done.returncode}):\n{tail}", file=sys.stderr)
        return [Row("reference.bytes", f"{page}: bytes transferred", "B", group=REFERENCE,
                    note="reference build failed")]
    folders = ref.fetch_npm(ref.cdn_packages(), BUILD_DIR / "bench-npm")
    facts["reference_npm"] = {name: str(path) for name, path in folders.items()}
    rows = page_rows(html, f"{page}.html", runs, REFERENCE, "reference", facts,
                     resolve=ref.make_resolver(folders), label_page=f"{page}.html")
    if not facts["reference"]["heavy_pages"]:
        rows[0].note = "no widget output on the page yet, so no widget JS"
    return rows


def make_test_rows(tmp: Path, runs: int) -> list[Row]:
    """Wall time of ``make test`` in the real tree, building into a warmed bench folder."""
    row = Row("make_test", "make test (warm build cache)", "s", target=TARGETS["make_test"])
    env = {**os.environ, "COURSE_BUILD_DIR": str(tmp / "make-test-build")}
    print("  warming the build cache for make test…", flush=True)
    subprocess.run(bb.build_command(ROOT, tmp / "make-test-build", "--quiet"), cwd=ROOT, env=env,
                   capture_output=True, text=True, timeout=1800, check=False)
    failed = 0
    for number in range(1, runs + 1):
        print(f"  make test {number}/{runs}…", flush=True)
        start = time.perf_counter()
        done = subprocess.run(["make", "test"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=3600, check=False)
        row.samples.append(time.perf_counter() - start)
        failed += done.returncode != 0
    notes = []
    if runs < 3:
        notes.append(f"{runs} run only (--make-test-runs 3 for more)")
    if failed:
        notes.append(f"{failed} run(s) failed")
    row.note = "; ".join(notes)
    return [row]


def footnotes(facts: dict[str, Any]) -> list[str]:
    """The method notes printed under the table."""
    notes = [
        "Builds: `course --root <copy> --build-dir <dir> build` on a copy in a temp dir; wall time incl. "
        "Python start-up and the site swap; each run starts clean.",
        "Page weight: response body bytes from Chromium's network events, page served from 127.0.0.1 "
        "by http.server, fresh context (empty cache) per load; other hosts routed, counted and aborted. "
        "Next page: the same context opened the root page first; bytes that came over the network "
        "(cache hits 0).",
        "Click-to-feedback: in the page, performance.now() before a dispatched click on the check button "
        "to the MutationObserver callback that sees new text in the question's live region.",
        "1 KB = 1000 B. Quiz-edit scope = pages read or written by Sphinx that do not embed the quiz, "
        "plus embedding pages it missed (from Sphinx's 'reading sources'/'writing output' lines).",
    ]
    if "reference" in facts:
        notes.append(
            "Reference: copy rebuilt with widget-view MIME preferred, myst-nb's default nb_ipywidgets_js "
            "(integrity attribute dropped) and the static-build flag removed; CDN requests answered from "
            "npm pack of the same versions (html-manager, requirejs); require.min.js 2.3.4 from Voilà's "
            "vendored copy (npm has no .min). Bytes from other hosts = those stand-ins.")
    return notes


def asset_listing(facts: dict[str, Any]) -> str:
    """Every asset of each measured page, one per line with its bytes."""
    out = []
    for prefix in ("page", "reference"):
        if prefix not in facts:
            continue
        info = facts[prefix]
        out.append(f"Assets of {info['page']} ({prefix}):")
        assets = sorted(info["assets"], key=lambda a: -a["bytes"])
        out += [f"  {a['bytes']:>10,}  {a['path']}" for a in assets]
        out += [f"  {'aborted':>10}  {url}" for url in info["unsatisfied"]]
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None, help="runs of each figure (default 3)")
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    parser.add_argument("--make-test-runs", type=int, default=None,
                        help="runs of `make test` (default: --runs if given, else 1)")
    parser.add_argument("--skip-reference", action="store_true", help="no reference ipywidgets build")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and print where")
    args = parser.parse_args(argv)
    args.make_test_runs = args.make_test_runs or args.runs or 1
    args.runs = args.runs or 3
    if args.runs < 1 or args.make_test_runs < 1:
        parser.error("runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write ``bench.json``."""
    args = parse_args(argv)
    facts: dict[str, Any] = {}
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
    header = (f"make bench — {dt.datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} cores "
              f"(os.cpu_count), Python {platform.python_version()}, runs={args.runs}")
    print(header, flush=True)
    status = 0
    try:
        snapshot = bb.copy_course(ROOT, tmp / "snapshot")  # both builds start from the same sources
        copy = bb.copy_course(snapshot, tmp / "course")
        build_dir = tmp / "build"
        rows += measure_builds(copy, build_dir, args.runs, facts)
        rows += runtime_rows(facts)
        html = build_dir / "html"
        page, questions = bb.heaviest_quiz_page(copy)
        label = f"{page}.html ({questions} questions)" if page else f"{FALLBACK_PAGE}.html (no quiz embedded)"
        page = page or FALLBACK_PAGE
        print(f"  loading {page}.html in Chromium…", flush=True)
        rows += page_rows(html, f"{page}.html", args.runs, COURSE, "page", facts, label_page=label)
        print("  every page: first load and next page…", flush=True)
        rows += site_rows(html, root_page(copy), 1, facts)
        quiz_pages = [doc for doc, quizzes in bb.chapter_quizzes(copy).items() if quizzes]
        print("  click-to-feedback…", flush=True)
        rows += feedback_rows(html, quiz_pages, args.runs, facts)
        if not args.skip_make_test:
            rows += make_test_rows(tmp, args.make_test_runs)
        else:
            rows.append(Row("make_test", "make test (warm build cache)", "s", target=TARGETS["make_test"],
                            note="skipped (--skip-make-test)"))
        if not args.skip_reference:
            rows += reference_rows(tmp, page, args.runs, facts)
    except BenchError as error:
        print(f"\n{error}", file=sys.stderr)
        status = 1
    finally:
        if args.keep:
            print(f"  copies kept in {tmp}")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    rows += bank_rows(facts)  # no build needed; last, so each group's rows stay together
    evaluate(rows)
    notes = footnotes(facts)
    print()
    print(render_table(rows, header=header, footnotes=notes))
    pages = site_listing(facts)
    if pages:
        print()
        print(pages)
    listing = asset_listing(facts)
    if listing:
        print()
        print(listing)
    out = write_json(BUILD_DIR / "bench.json", rows, header=header, cpu_count=os.cpu_count(), runs=args.runs,
                     footnotes=notes, facts=facts)
    print(f"\nFigures written to {out}")
    return status


