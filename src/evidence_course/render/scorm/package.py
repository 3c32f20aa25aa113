"""Package the built book as a SCORM zip: every file of the site, the launch page, the manifest.

The quiz data the launch page needs (question ids, content hashes, option/item/group ids) comes from the
bank, checked against the data each built page carries, so a book built from an older bank is refused
rather than packaged with progress that would never count. The pass mark, the scored quiz and the
description come from ``_config.yml`` (:mod:`evidence_course.model.lms`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ...model.bank import QuestionType, Quiz
from ...model.course import Course
from ...model.lms import LmsSettings
from ..quiz_html import json_for_script
from .manifest import MANIFEST, PackageInfo, manifest_12, manifest_2004

HERE = Path(__file__).parent
LAUNCH_PAGE = "launch.html"
#: Folder of the launch page's script and style inside the package.
ASSETS = "_lms"
ASSET_FILES = ("suspend.js", "launch.js", "launch.css")
FILE_NAMES = {"1.2": "course-scorm12.zip", "2004": "course-scorm2004.zip"}
#: Longest ``cmi.suspend_data`` each SCORM version guarantees (characters).
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}
#: suspend.js writes one base-36 character per option index / group index, and a 30-bit mask.
MAX_OPTIONS = {QuestionType.SINGLE: 36, QuestionType.TRUEFALSE: 36, QuestionType.MULTIPLE: 30}
MAX_GROUPS = 36
#: The longest option-order seed suspend.js carries (quiz.js makes about 11 characters).
MAX_SEED = 16
#: Fixed timestamp for every zip entry: the same book gives the same bytes.
ZIP_TIME = (2019, 5, 15, 0, 0, 0)


class PackageError(ValueError):
    """The book cannot be packaged as it is (with the fix in the message)."""


@dataclass(frozen=True)
class Package:
    """A written package."""

    path: Path
    scorm: str  # "1.2" or "2004"
    version: str  # the package's own version (manifest metadata)
    files: int
    bytes: int
    #: length of cmi.suspend_data with every question of every quiz answered (the longest possible)
    worst_suspend: int


# ------------------------------------------------------------------------------- what the page needs
def quiz_rows(quiz: Quiz) -> list[list[Any]]:
    """The launch page's view of a quiz: ``[question id, hash, type, option ids | item ids, group ids]``."""
    rows: list[list[Any]] = []
    for q in quiz.questions:
        if q.type is QuestionType.CATEGORISE:
            groups = [c.id for c in q.categories or []]
            if len(groups) > MAX_GROUPS:
                raise PackageError(f"{quiz.id}/{q.id}: {len(groups)} groups; a SCORM package keeps at most "
                                   f"{MAX_GROUPS}. Fix: use fewer groups")
            rows.append([q.id, q.content_hash, q.type.value, [i.id for i in q.items or []], groups])
        else:
            options = [o.id for o in q.options or []]
            if len(options) > MAX_OPTIONS[q.type]:
                raise PackageError(f"{quiz.id}/{q.id}: {len(options)} options; a SCORM package keeps at most "
                                   f"{MAX_OPTIONS[q.type]}. Fix: use fewer options")
            rows.append([q.id, q.content_hash, q.type.value, options])
    return rows


def launch_config(bank: dict[str, Quiz], settings: LmsSettings, pages: list[str], start: str,
                  version: str) -> dict[str, Any]:
    """The JSON the launch page reads."""
    if settings.assessment not in bank:
        raise PackageError(f"_config.yml: course_assessment is {settings.assessment!r}, which is not a quiz. "
                           f"Fix: name one of {', '.join(sorted(bank))}")
    quizzes = {quiz.id: quiz_rows(quiz) for quiz in bank.values()}
    config: dict[str, Any] = {"version": version, "title": settings.title, "start": start, "pages": pages,
                              "passMark": settings.pass_mark, "assessment": settings.assessment,
                              "quizzes": quizzes}
    prefixes: dict[str, str] = {}
    for rows in quizzes.values():
        for row in rows:
            other = prefixes.setdefault(row[1][:6], row[0])
            if other != row[0]:
                raise PackageError(f"questions {other} and {row[0]} share the start of their content hash, "
                                   "which the saved progress uses to tell them apart. Fix: reword one")
    return config


def worst_suspend_length(config: dict[str, Any]) -> int:
    """Length of ``cmi.suspend_data`` when every question is answered with its longest answer (the
    format is suspend.js's ``encode``; tests check the two agree)."""
    entries = []
    for rows in config["quizzes"].values():
        for row in rows:
            ids = row[3]
            if row[2] == "categorise":
                answer = len(ids)
            elif row[2] == "multiple":
                answer = len(_base36((1 << len(ids)) - 1))
            else:
                answer = 1
            entries.append(6 + 1 + 1 + answer)  # hash, flags, tries, answer
    return len("E1;") + MAX_SEED + len(";") + sum(entries) + max(0, len(entries) - 1)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


class _QuizData(HTMLParser):
    """The ``<script class="ec-quiz-data">`` JSON of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, Any]] = []
        self._in = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._in = tag == "script" and "ec-quiz-data" in classes
        self._text = []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag == "script":
            self.found.append(json.loads("".join(self._text)))
            self._in = False


def check_site_matches_bank(site: Path, pages: Iterable[str], bank: dict[str, Quiz]) -> None:
    """Every quiz of the bank is in the built book with the same questions (ids and content hashes)."""
    built: dict[str, dict[str, str]] = {}
    for page in pages:
        parser = _QuizData()
        parser.feed((site / page).read_text(encoding="utf-8"))
        for data in parser.found:
            built[data["id"]] = {qid: q["hash"] for qid, q in data["questions"].items()}
    for quiz in bank.values():
        want = {q.id: q.content_hash for q in quiz.questions}
        if built.get(quiz.id) != want:
            raise PackageError(f"the built book in {site} does not hold the current quiz {quiz.id!r} "
                               "(it was built before the quiz bank changed). Fix: run `make book` first")


# ------------------------------------------------------------------------------------------- files
def site_files(site: Path) -> dict[str, Path]:
    """Every file of the built book by its path in the package (hidden files such as .buildinfo left out)."""
    files = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            files[rel.as_posix()] = path
    return files


def book_pages(files: Iterable[str]) -> list[str]:
    """The pages a learner can be on (for resuming): HTML outside ``_static`` and ``_sources``."""
    return [f for f in files if f.endswith(".html") and not f.startswith(("_static/", "_sources/"))]


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def launch_page(config: dict[str, Any], settings: LmsSettings) -> str:
    """The launch page's HTML."""
    return _templates().get_template("launch.html.j2").render(
        title=settings.title, language=settings.language, start=config["start"], assets=ASSETS,
        config_json=Markup(json_for_script(config)))


def slug(text: str) -> str:
    """An XML NCName from a title: lower case words joined by hyphens, starting with a letter."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    name = "-".join(words)[:60].strip("-") or "course"
    return name if name[0].isalpha() else f"course-{name}"


def package_version(contents: dict[str, bytes]) -> str:
    """The package's version: the course package's own, and a digest of every file it holds."""
    try:
        own = metadata.version("evidence-course")
    except metadata.PackageNotFoundError:
        own = "0"
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode() + b"\0" + hashlib.sha256(contents[name]).digest())
    return f"{own}+{digest.hexdigest()[:10]}"


def write_zip(path: Path, contents: dict[str, bytes]) -> None:
    """Write ``contents`` as a zip at ``path`` (manifest first, fixed timestamps), replacing it only once
    it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for name in sorted(contents, key=lambda n: (n != MANIFEST, n)):
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, contents[name])
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def build_package(course: Course, site: Path, out_dir: Path, settings: LmsSettings, start: str,
                  version: str = "1.2") -> Package:
    """Package the built book in ``site`` as ``out_dir/course-scorm12.zip`` (or the 2004 one)."""
    if not (site / "index.html").exists():
        raise PackageError(f"no built book in {site}. Fix: run `make book` first")
    files = site_files(site)
    ours = [LAUNCH_PAGE] + [f"{ASSETS}/{name}" for name in ASSET_FILES]
    clash = [name for name in ours if name in files]
    if clash:
        raise PackageError(f"the book already has {', '.join(clash)}, which the package's launch page needs. "
                           "Fix: rename that page")
    pages = book_pages(files)
    if start not in pages:
        raise PackageError(f"the book's start page {start} is not in {site}. Fix: run `make book` first")
    bank = course.bank(check_sections=False)
    check_site_matches_bank(site, pages, bank)
    config = launch_config(bank, settings, pages, start, version)
    worst = worst_suspend_length(config)
    if worst > SUSPEND_LIMIT[version]:
        raise PackageError(f"with every question answered, saved progress would take {worst} characters; "
                           f"SCORM {version} keeps {SUSPEND_LIMIT[version]}. Fix: split the course")
    contents = {name: path.read_bytes() for name, path in files.items()}
    contents[LAUNCH_PAGE] = launch_page(config, settings).encode("utf-8")
    for name in ASSET_FILES:
        contents[f"{ASSETS}/{name}"] = (HERE / "static" / name).read_bytes()
    info = PackageInfo(
        identifier=slug(settings.title), title=settings.title, description=settings.description,
        version=package_version(contents), language=settings.language, mastery_score=settings.pass_mark,
        launch=LAUNCH_PAGE, files=tuple(sorted(contents)))
    manifest = manifest_12(info) if version == "1.2" else manifest_2004(info)
    contents[MANIFEST] = manifest.encode("utf-8")
    path = out_dir / FILE_NAMES[version]
    write_zip(path, contents)
    return Package(path=path, scorm=version, version=info.version, files=len(contents),
                   bytes=path.stat().st_size, worst_suspend=worst)
