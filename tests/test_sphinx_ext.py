"""The Sphinx extension on its own, built with ``sphinx.testing`` from a small test root (no Jupyter Book).

``tests/roots/test-course`` is a plain Sphinx project (myst-nb, execution off) with a notebook whose
stored output is the quiz marker, a progress page, a claims page, the source page and a page with a
citation. Building it takes a few seconds, against a minute for the book; the HTML build is shared by
the tests of this module, other builders and broken variants are built per test.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_under_test import ROOT
from sphinx.search.en import SearchEnglish
from sphinx.testing.util import SphinxTestApp

from evidence_course.sphinx_ext.course import code_fingerprint

TEST_ROOT = Path(__file__).parent / "roots" / "test-course"
MakeApp = Callable[..., SphinxTestApp]


def course_project(dest: Path) -> Path:
    """A copy of the test root with the course's evidence (the claims and their source)."""
    shutil.copytree(TEST_ROOT, dest, dirs_exist_ok=True)
    shutil.copytree(ROOT / "evidence", dest / "evidence")
    return dest


@dataclass
class Built:
    outdir: Path
    warnings: str

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / page).read_text(encoding="utf-8"), "html.parser")


def build(make_app: MakeApp, src: Path, builder: str = "html", **confoverrides: object) -> Built:
    app = make_app(builder, srcdir=src, confoverrides=confoverrides)
    app.build()
    return Built(Path(app.outdir), app._warning.getvalue())


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The test root built once to HTML (the app is cleaned up at once, so later apps start clean)."""
    app = SphinxTestApp("html", srcdir=course_project(tmp_path_factory.mktemp("sphinx-html")))
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(Path(app.outdir), app._warning.getvalue())


def test_clean_build_has_no_warning(html: Built) -> None:
    assert html.warnings == ""


# --- The quiz node -----------------------------------------------------------------------------------


def test_quiz_page_shows_the_static_quiz_with_its_section_links(html: Built) -> None:
    soup = html.soup("chapter.html")
    quiz = soup.select_one("section.ec-quiz[data-quiz=sample]")
    assert quiz is not None and len(quiz.select("form.ec-q")) == 2
    assert quiz.select_one("#q-sm-single .ec-teach a")["href"] == "#chapter-holistic"
    assert quiz.select_one("#q-sm-sort .ec-teach a")["href"] == "#chapter-limits"
    # The plain rendering is for search and other builders, never shown next to the HTML quiz.
    assert "Answer this quiz in the online book" not in soup.get_text()
    assert len(soup.select("script.ec-quiz-data")) == 1


def search_terms(outdir: Path) -> dict[str, object]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])["terms"]


def test_quiz_prompts_reach_the_search_index_but_answers_do_not(html: Built) -> None:
    terms = search_terms(html.outdir)
    stem = SearchEnglish({}).stem
    assert stem("xylophonist") in terms  # only in a prompt of quizzes/sample.yml
    assert stem("marimbaphone") not in terms  # only in an option's feedback (the answer)


def test_text_builder_prints_the_questions_without_answers(make_app: MakeApp, tmp_path: Path) -> None:
    text = build(make_app, course_project(tmp_path / "src"), "text")
    assert text.warnings == ""
    page = (text.outdir / "chapter.txt").read_text(encoding="utf-8")
    assert "Check your learning: Sample quiz" in page
    assert "1. Which kind of service would a xylophonist call effective" in page
    assert "* Signposting only" in page
    assert "Housing (choose a group: Listed by the summary, Not listed)" in page
    assert "2. Sort these areas. Choose a group for each item." in page  # the hint, from model/words.py
    assert "marimbaphone" not in page and "The summary states" not in page
    progress = (text.outdir / "progress.txt").read_text(encoding="utf-8")
    assert "Sample quiz: 2 questions, about 3 minutes." in progress


def test_latex_builder_prints_the_questions(make_app: MakeApp, tmp_path: Path) -> None:
    latex = build(make_app, course_project(tmp_path / "src"), "latex")
    assert latex.warnings == ""
    tex = "".join(p.read_text(encoding="utf-8") for p in latex.outdir.glob("*.tex"))
    assert "Check your learning: Sample quiz" in tex and "xylophonist" in tex
    assert "marimbaphone" not in tex


def test_a_missing_teaching_section_is_a_warning(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    notebook = src / "chapter.ipynb"
    text = notebook.read_text(encoding="utf-8")
    notebook.write_text(text.replace("(chapter-limits)=", ""), encoding="utf-8")
    built = build(make_app, src)
    assert "quiz 'sample' (question 'sm-sort') in chapter 'chapter': no section is labelled " \
           "'chapter-limits'. Fix: add `(chapter-limits)=`" in built.warnings
    assert built.soup("chapter.html").select_one("#q-sm-sort .ec-teach") is None


def test_stored_widget_state_on_a_quiz_page_is_a_warning(make_app: MakeApp, tmp_path: Path) -> None:
    """What a plain ``jupyter-book build .`` leaves: the kernel stored the live widget as well."""
    src = course_project(tmp_path / "src")
    notebook = json.loads((src / "chapter.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": {"abc": {"model_name": "VBoxModel"}}}}
    (src / "chapter.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    built = build(make_app, src)
    assert "hold live-widget state" in built.warnings and "EVIDENCE_COURSE_STATIC_BUILD=1" in built.warnings
    assert "course build" in built.warnings


# --- The progress page -------------------------------------------------------------------------------


def test_progress_page_links_each_quiz_in_its_chapter(html: Built) -> None:
    row = html.soup("progress.html").select_one("tr[data-quiz=sample]")
    assert row.select_one("a")["href"] == "chapter.html#quiz-sample"
    assert json.loads(row["data-questions"])[0][0] == "sm-single"
    assert "Sample quiz: 2 questions" not in html.soup("progress.html").get_text()


def test_progress_page_is_reread_when_a_quiz_file_is_added(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    build(make_app, src)
    second = (src / "quizzes" / "sample.yml").read_text(encoding="utf-8").replace("id: sample", "id: second")
    (src / "quizzes" / "second.yml").write_text(second.replace("sm-", "sc-"), encoding="utf-8")
    again = build(make_app, src)
    assert again.soup("progress.html").select_one("tr[data-quiz=second]") is not None


def test_changed_package_code_rereads_every_page(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    first = make_app("html", srcdir=src)
    first.build()
    assert first.config.course_code_fingerprint == code_fingerprint()
    pages = len(first.env.all_docs)

    def rebuild(fingerprint: str) -> str:
        app = make_app("html", srcdir=src, confoverrides={"course_code_fingerprint": fingerprint})
        app.build()
        return re.sub(r"\x1b\[[0-9;]*m", "", app._status.getvalue())

    assert f"[config changed ('course_code_fingerprint')] {pages} added" in rebuild("other-code")
    assert "0 added, 0 changed, 0 removed" in rebuild("other-code"), "same code: nothing re-read"


def test_code_fingerprint_follows_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "quiz.html.j2").write_text("<p>{{ q }}</p>")
    before = code_fingerprint(tmp_path)
    assert code_fingerprint(tmp_path) == before
    (tmp_path / "render" / "quiz.html.j2").write_text("<p>{{ q }}!</p>")
    edited = code_fingerprint(tmp_path)
    (tmp_path / "render" / "quiz.html.j2").rename(tmp_path / "render" / "other.html.j2")
    assert len({before, edited, code_fingerprint(tmp_path)}) == 3


# --- Claims ------------------------------------------------------------------------------------------


def test_claim_citations_link_to_the_claims_page_and_claims_to_the_source(html: Built) -> None:
    cite = html.soup("reading.html").select_one("a.claim-ref")
    assert cite["href"] == "claims.html#claim-works-housing"
    claims = html.soup("claims.html")
    assert claims.select_one("li#claim-works-housing") is not None
    sources = {a["href"] for a in claims.select("li.claim a") if "source.html" in a["href"]}
    assert sources == {f"source.html#source-{s}" for s in
                       ("summary", "what-works", "what-doesnt-work", "further-reading", "about")}


def test_without_a_claims_page_a_citation_keeps_its_words(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    (src / "claims.md").write_text("# Claims\n\nNone listed here.\n", encoding="utf-8")
    built = build(make_app, src)
    assert built.warnings == ""
    page = built.soup("reading.html")
    assert page.select_one("a.claim-ref") is None
    assert page.select_one(".claim-ref").get_text() == "source for claim works.housing"


# --- HTML fixes ----------------------------------------------------------------------------------------


def test_citations_are_list_items_not_deprecated_biblioentries(html: Built) -> None:
    page = (html.outdir / "reading.html").read_text(encoding="utf-8")
    assert "doc-biblioentry" not in page
    listing = BeautifulSoup(page, "html.parser").select_one('div.citation-list[role="list"]')
    assert [c["role"] for c in listing.select("div.citation")] == ["listitem", "listitem"]


def thebe_in(outdir: Path) -> list[str]:
    pages = "".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.html"))
    return sorted(set(re.findall(r"thebe[\w.-]*", pages, flags=re.IGNORECASE)))


def test_sphinx_thebe_leaves_no_trace_when_thebe_is_off(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.insert(0, "sphinx_thebe")\n')
    off = build(make_app, src)
    assert thebe_in(off.outdir) == []
    assert not (off.outdir / "_static" / "sphinx-thebe.js").exists()


def test_sphinx_thebe_is_kept_when_the_book_turns_it_on(make_app: MakeApp, tmp_path: Path) -> None:
    src = course_project(tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.insert(0, "sphinx_thebe")\n')
    on = build(make_app, src, html_theme_options={"launch_buttons": {"thebe": True}})
    assert {"THEBE_JS_URL", "thebe-config", "thebe.css", "thebe.js"} <= set(thebe_in(on.outdir))
