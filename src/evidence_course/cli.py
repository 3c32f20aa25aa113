"""``course``: the one command behind the Makefile (build, watch, serve, handouts, pdf, exports, scorm,
workshop, bench).

Every subcommand works on the course in ``--root`` (default: the folder you are in, or the nearest
parent that holds ``_config.yml`` and ``evidence/claims.yml``) and writes into ``--build-dir`` (default:
``$COURSE_BUILD_DIR`` or ``<root>/_build``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .model.course import Course
from .model.errors import CourseDataError, CourseDataErrors


def _build(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .site.build import BuildPaths, build

    return build(BuildPaths(course, build_dir), quiet=args.quiet)


def _watch(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .site.build import BuildPaths
    from .site.watch import watch

    return watch(BuildPaths(course, build_dir), args.port)


def _serve(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .site.serve import serve_forever

    site = build_dir / "html"
    if not (site / "index.html").exists():
        print(f"No built book in {site}: run `course build` (make book) first.", file=sys.stderr)
        return 1
    serve_forever(site, args.port)
    return 0


def _handouts(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .render.handouts import build_handouts

    print("Writing handouts:")
    written = build_handouts(course, args.out or build_dir / "handouts", pdf=not args.html_only, log=print)
    print(f"Handouts written to {next(iter(written.values())).parent} ({len(written)} files).")
    return 0


def _pdf(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .render.pdf import PdfBuildError, build_course_pdf

    print("Writing the whole course as one PDF:")
    try:
        path = build_course_pdf(course, build_dir, log=print)
    except PdfBuildError as error:
        print(f"course pdf: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0


def _exports(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .render.moodle import write_exports

    paths = write_exports(args.out or build_dir / "exports", course.bank(check_sections=False), course.claims)
    for kind, path in paths.items():
        print(f"Wrote {path} ({kind})")
    print("Import into Moodle: Question bank > Import, choose the format, upload the file.")
    return 0


def _scorm(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .render.scorm import PackageError, write_scorm_packages

    if not (build_dir / "html" / "index.html").exists():
        print("No built book yet: building it first.")
        if (code := _build(course, build_dir, argparse.Namespace(quiet=False))) != 0:
            return code
    try:
        packages = write_scorm_packages(course, build_dir, args.out)
    except PackageError as exc:
        print(f"course scorm: {exc}", file=sys.stderr)
        return 2
    for package in packages:
        print(f"Wrote {package.path} (SCORM {package.scorm}, "
              f"{package.files} files, {package.bytes / 1e6:.1f} MB, version {package.version})")
    print("Upload in Moodle: Add an activity or resource > SCORM package (README: Learning platforms).")
    return 0


def _workshop(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    from .live.voila import serve

    try:
        return serve(course, args.port, room=args.room, people=args.people, host=args.host,
                     room_port=args.room_port)
    except RuntimeError as error:
        print(f"course workshop: {error}", file=sys.stderr)
        return 1


def _bench(course: Course, build_dir: Path, args: argparse.Namespace) -> int:
    """The benchmark lives in the checkout (``tools/bench``), not in the installed package."""
    if not (course.root / "tools" / "bench").is_dir():
        print(f"No tools/bench in {course.root}: the benchmark runs from a checkout.", file=sys.stderr)
        return 1
    return subprocess.call([sys.executable, "-m", "tools.bench", *args.rest], cwd=course.root)


def parser() -> argparse.ArgumentParser:
    """The command line: ``course [--root DIR] [--build-dir DIR] <command> ...``."""
    top = argparse.ArgumentParser(prog="course", description=__doc__.split("\n\n")[0])
    top.add_argument("--root", type=Path, default=None, help="the course folder (default: found from here)")
    top.add_argument("--build-dir", type=Path, default=None,
                     help="where outputs go (default: $COURSE_BUILD_DIR or <root>/_build)")
    sub = top.add_subparsers(dest="command", required=True, metavar="command")

    def command(name: str, run: Callable[..., int], text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.set_defaults(run=run)
        return cmd

    command("build", _build, "build the book (warnings are errors; a failed build keeps the old site)") \
        .add_argument("--quiet", action="store_true", help="print Sphinx's output only on failure")
    port = int(os.environ.get("PORT") or 0)
    command("watch", _watch, "for authors: serve the book on 127.0.0.1 and rebuild it on save") \
        .add_argument("--port", type=int, default=port or 8000, help="port (default: $PORT or 8000; 0: free)")
    command("serve", _serve, "serve the built book on 127.0.0.1") \
        .add_argument("--port", type=int, default=port or 8000, help="port (default: $PORT or 8000)")
    handouts = command("handouts", _handouts, "printable handouts (HTML and tagged A4 PDF)")
    handouts.add_argument("--out", type=Path, default=None, help="output folder (default: <build>/handouts)")
    handouts.add_argument("--html-only", action="store_true", help="skip the PDFs")
    command("pdf", _pdf, "the whole course as one tagged PDF (<build>/pdf/course.pdf)")
    command("exports", _exports, "the quiz bank as Moodle GIFT and Moodle XML") \
        .add_argument("--out", type=Path, default=None, help="output folder (default: <build>/exports)")
    command("scorm", _scorm, "the whole course as SCORM 1.2 and 2004 packages (builds the book if needed)") \
        .add_argument("--out", type=Path, default=None, help="output folder (default: <build>/exports)")
    workshop = command("workshop", _workshop, "live workshop presenter (Voilà) on 127.0.0.1; Ctrl-C stops it")
    workshop.add_argument("--port", type=int, default=port or None,
                          help="presenter's port (default: $PORT or a free one)")
    workshop.add_argument("--room", action="store_true",
                          help="also serve the live quiz to participants' devices on the local network "
                               "(random token in the URL, QR code on the presenter)")
    workshop.add_argument("--people", type=int, default=int(os.environ.get("PEOPLE") or 12),
                          help="room mode: expected participants, kernels kept warm (default: $PEOPLE or 12)")
    workshop.add_argument("--host", default=os.environ.get("ROOM_HOST") or None,
                          help="room mode: address to listen on (default: $ROOM_HOST or the LAN address)")
    workshop.add_argument("--room-port", type=int, default=int(os.environ.get("ROOM_PORT") or 0) or None,
                          help="room mode: participants' port (default: $ROOM_PORT or a free one)")
    command("bench", _bench, "build and quiz performance figures (a benchmark, not a test)") \
        .add_argument("rest", nargs=argparse.REMAINDER, help="options passed to the benchmark")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run ``course``; bad course data is reported as ``file:line: [id] problem. Fix: ...``."""
    args = parser().parse_args(argv)
    try:
        course = Course.at(args.root) if args.root else Course.find()
        build_dir = args.build_dir or Path(os.environ.get("COURSE_BUILD_DIR") or course.root / "_build")
        run: Callable[[Course, Path, argparse.Namespace], int] = args.run
        return run(course, build_dir.resolve(), args)
    except (CourseDataError, CourseDataErrors) as exc:
        print(f"course {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
