"""The whole course as one accessible PDF (``course pdf``, ``make pdf``): ``<build>/pdf/course.pdf``.

Built from the book's own HTML: Jupyter Book's ``singlehtml`` builder writes every page of the table of
contents into one HTML file (its own staging folder, so the site's build is not re-read), and
WeasyPrint prints the article of that page, wrapped in ``templates/pdf/course.html.j2``: a title page
with the attribution and licences, the contents with page numbers, every chapter, and an appendix with
the answers. Each quiz is printed from the current bank as questions and options only (its key,
feedback and explanation appear only in the appendix). The progress page is left out: it only works
in a browser. Links inside the book become links inside the PDF; links to what the PDF does not hold
become plain text. The PDF is tagged (PDF/UA-1), ``lang="en-GB"``, titled, with bookmarks from the
headings, page numbers and the chapter as running header. Nothing is fetched from outside the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..folders import replacing
from ..live.display import STATIC_BUILD_ENV
from ..model.bank import Question, QuestionType, Quiz
from ..model.course import Course
from . import markup
from .handouts import PDF_OPTIONS

TEMPLATE_DIR = Path(__file__).parent / "templates" / "pdf"
PDF_NAME = "course.pdf"
#: Pages of the book left out of the PDF (interactive only).
LEFT_OUT = ("book/progress",)
#: Where the printed article is in the singlehtml page (Furo's article; any theme's main region).
ARTICLE = "article[role=main], [role=main], div.body"
ANSWERS_ID = "answers"


class PdfBuildError(RuntimeError):
    """The singlehtml build failed or produced no page: the message says where to look."""


@dataclass(frozen=True)
class PdfPaths:
    """Where ``course pdf`` works: its own Jupyter Book staging folder and the PDF folder."""

    course: Course
    build_dir: Path

    @property
    def staging(self) -> Path:
        """Jupyter Book's output folder for the singlehtml build (execution cache, doctrees)."""
        return self.build_dir / "pdf-staging"

    @property
    def single_dir(self) -> Path:
        """Where the singlehtml builder writes."""
        return self.staging / "_build" / "singlehtml"

    @property
    def out_dir(self) -> Path:
        """The published PDF folder (``<build>/pdf``)."""
        return self.build_dir / "pdf"

    @property
    def pdf(self) -> Path:
        """The PDF (``<build>/pdf/course.pdf``)."""
        return self.out_dir / PDF_NAME


def singlehtml_command(paths: PdfPaths) -> list[str]:
    """``jupyter-book build --builder singlehtml`` with warnings as errors, run by this Python."""
    return [sys.executable, "-m", "evidence_course.site.jupyter_book_cli", "build", str(paths.course.root),
            "--builder", "singlehtml",
            "--path-output", str(paths.staging), "-W", "-n", "--keep-going"]


def build_singlehtml(paths: PdfPaths, *, quiet: bool = True) -> Path:
    """Build the book as one HTML page; returns that page. Raises :class:`PdfBuildError` on failure."""
    env = {**os.environ, STATIC_BUILD_ENV: "1"}
    done = subprocess.run(singlehtml_command(paths), cwd=paths.course.root, env=env,
                          capture_output=quiet, text=True, check=False)
    if done.returncode:
        shutil.rmtree(paths.staging / "_build" / ".doctrees", ignore_errors=True)
        tail = "\n".join(((done.stdout or "") + (done.stderr or "")).splitlines()[-30:])
        raise PdfBuildError(f"the singlehtml build failed (exit {done.returncode}); fix the warnings "
                            f"as for `make book`:\n{tail}")
    root = root_doc(paths.course)
    page = paths.single_dir / f"{root}.html"
    if not page.exists():
        raise PdfBuildError(f"the singlehtml build wrote no {page}")
    return page


def root_doc(course: Course) -> str:
    """The docname of the table of contents' root (``book/intro``)."""
    import yaml

    toc = yaml.safe_load(course.toc_file.read_text(encoding="utf-8"))
    return str(Path(toc["root"]).with_suffix(""))


def environment() -> Environment:
    """Jinja2 environment of the PDF templates (autoescaped; bank Markdown through ``md``)."""
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["md"] = markup.inline
    env.globals["letter"] = lambda index: chr(ord("A") + index)
    return env


def answer_text(question: Question) -> list[str]:
    """The key in words (Markdown): option letter and text, or each item with its group."""
    if question.type is QuestionType.CATEGORISE:
        groups = {c.id: c.text for c in question.categories or []}
        return [f"{item.text}: {groups[item.category]}" for item in question.items or []]
    return [f"{chr(ord('A') + i)}. {o.text}" for i, o in enumerate(question.options or [])
            if o.id in question.keys]


def _left_out(article: Tag) -> None:
    """Remove the pages of :data:`LEFT_OUT` (their anchor span and the section after it)."""
    for docname in LEFT_OUT:
        anchor = article.find(id=f"document-{docname}")
        if anchor is None:
            continue
        section = anchor.find_next_sibling("section")
        if section is not None:
            section.decompose()
        anchor.decompose()


def _print_quizzes(article: Tag, bank: dict[str, Quiz], env: Environment) -> list[Quiz]:
    """Replace each interactive quiz by its questions and options; returns the quizzes in book order."""
    printed: list[Quiz] = []
    template = env.get_template("quiz.html.j2")
    for section in article.select("section[data-quiz]"):
        quiz = bank.get(str(section.get("data-quiz")))
        if quiz is None:
            raise PdfBuildError(f"the book embeds quiz {section.get('data-quiz')!r}, not in the bank")
        html = template.render(quiz=quiz, anchor=section.get("id") or f"quiz-{quiz.id}",
                               number=len(printed) + 1)
        section.replace_with(BeautifulSoup(html, "html.parser"))
        printed.append(quiz)
    return printed


def _fix_links(article: Tag) -> None:
    """In-book links point at their anchor in the PDF; links to what it does not hold become text."""
    ids = {str(tag["id"]) for tag in article.find_all(id=True)} | {ANSWERS_ID}
    for link in article.find_all("a", href=True):
        href = str(link["href"])
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        fragment = href.rsplit("#", 1)[1] if "#" in href else ""
        if fragment and fragment in ids:
            link["href"] = f"#{fragment}"
        else:
            link.unwrap()


def _strip(article: Tag) -> None:
    """Drop what only works on screen: permalinks, scripts, buttons, form controls."""
    for tag in article.select("a.headerlink, script, style, button, noscript, .ec-noprint"):
        tag.decompose()


def _mark_chapters(article: Tag) -> None:
    """Class ``chapter`` on each included page's section: the print CSS starts those on a new page."""
    for anchor in article.select("span[id^=document-]"):
        section = anchor.find_next_sibling("section")
        if section is not None:
            section["class"] = [*section.get("class", []), "chapter"]


def contents(article: Tag) -> list[dict[str, str]]:
    """The chapters in book order: the root page's title, then each included page's first heading."""
    entries = []
    first = article.find(["h1", "h2"])
    if first is not None:
        section = first.find_parent("section")
        entries.append({"title": _heading_text(first), "id": str(section.get("id")) if section else ""})
    for anchor in article.select("span[id^=document-]"):
        section = anchor.find_next_sibling("section")
        heading = section.find(["h1", "h2", "h3"]) if section else None
        if section is not None and heading is not None and section.get("id"):
            entries.append({"title": _heading_text(heading), "id": str(section["id"])})
    return entries


def _heading_text(heading: Tag) -> str:
    return " ".join(heading.get_text(" ", strip=True).split())


def print_html(course: Course, single_page: str) -> str:
    """The PDF's HTML: title page, contents, the book's article (quizzes as questions), answers."""
    soup = BeautifulSoup(single_page, "html.parser")
    article = soup.select_one(ARTICLE)
    if article is None:
        raise PdfBuildError("the singlehtml page has no article (looked for " + ARTICLE + ")")
    env = environment()
    _left_out(article)
    quizzes = _print_quizzes(article, course.bank(check_sections=False), env)
    _strip(article)
    _fix_links(article)
    _mark_chapters(article)
    toc = contents(article)
    body = "".join(str(child) for child in article.children)
    return env.get_template("course.html.j2").render(
        title=_book_title(course), body=body, contents=toc, quizzes=quizzes, answers_id=ANSWERS_ID,
        answer_text=answer_text)


def _book_title(course: Course) -> str:
    from ..site.build import book_title

    return book_title(course)


def _local_only(root: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files under ``root`` (and data: URLs), nothing else."""
    from weasyprint.urls import URLFetcher

    base = root.resolve().as_uri()

    class LocalOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith((base, "data:")):
                raise ValueError(f"the course PDF loads nothing from outside the build (asked for {url})")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"file", "data"})


def write_pdf(html: str, target: Path, base: Path) -> None:
    """Print ``html`` to ``target`` with WeasyPrint: tagged PDF/UA-1; relative files from ``base``."""
    from weasyprint import HTML

    HTML(string=html, base_url=str(base) + "/", url_fetcher=_local_only(base)).write_pdf(
        target, **PDF_OPTIONS)


def build_course_pdf(course: Course, build_dir: Path, *,
                     log: Callable[[str], None] = lambda message: None) -> Path:
    """Build the singlehtml book and print it to ``<build_dir>/pdf/course.pdf``; returns the path.

    The PDF folder is replaced only when the PDF is complete; a copy goes into the built site
    (``<build_dir>/html/course.pdf``, linked from the introduction) when there is one.
    """
    paths = PdfPaths(course, build_dir)
    log("  building the book as one HTML page (singlehtml)…")
    page = build_singlehtml(paths)
    log("  printing it with WeasyPrint…")
    html = print_html(course, page.read_text(encoding="utf-8"))
    with replacing(paths.out_dir) as tmp:
        (tmp / "course.html").write_text(html, encoding="utf-8")
        write_pdf(html, tmp / PDF_NAME, page.parent)
    site = build_dir / "html"
    if (site / "index.html").exists():
        shutil.copy2(paths.pdf, site / PDF_NAME)
    return paths.pdf
