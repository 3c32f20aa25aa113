"""The whole course as one PDF (``course pdf``): read back with pypdf.

The PDF is built once for this module from the current sources (``<build dir>/pdf/course.pdf``, as
``make pdf`` writes it). Checked: language, title and structure tree (tagged), bookmarks for every
chapter, every chapter heading and every question stem in the text, and no key marking (answer lines,
ticks, option feedback, explanations) on the pages before the answer appendix. The key-marking check
is shown to fail on a small PDF built to break it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from course_under_test import BUILD_DIR, COURSE
from pypdf import PdfReader

from evidence_course.model.bank import Quiz
from evidence_course.model.chapters import toc_docnames
from evidence_course.render import markup
from evidence_course.render.pdf import LEFT_OUT, build_course_pdf, environment, write_pdf

ANSWERS_TITLE = "Answers to the quizzes"
#: What only the answer appendix may print.
KEY_WORDS = ("Answer:", "✓", "Correct answer")


def plain(text: str) -> str:
    """Whitespace-normalised text (bank Markdown rendered, tags dropped, entities decoded)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):  # MyST's smart quotes
        text = text.replace(curly, straight)
    return " ".join(text.split())


def md_plain(markdown: str) -> str:
    return plain(markup.inline(markdown))


@pytest.fixture(scope="module")
def pdf() -> Path:
    return build_course_pdf(COURSE, BUILD_DIR)


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    return [plain(page.extract_text()) for page in reader.pages]


def answers_start(reader: PdfReader) -> int:
    """Index of the first page of the answer appendix (from its bookmark)."""
    for item in reader.outline:
        if not isinstance(item, list) and item.title == ANSWERS_TITLE:
            return reader.get_destination_page_number(item)
    raise AssertionError(f"no bookmark {ANSWERS_TITLE!r}")


def chapter_titles() -> dict[str, str]:
    """Docname → first heading of every page in the table of contents that the PDF holds."""
    titles = {}
    for doc in toc_docnames(COURSE.toc_file):
        if doc in LEFT_OUT:
            continue
        source = (COURSE.root / f"{doc}.md").read_text(encoding="utf-8")
        titles[doc] = re.search(r"^# (.+)$", source, re.M).group(1).strip()
    return titles


def quiz_segments(text: str, bank: dict[str, Quiz]) -> dict[str, str]:
    """Each printed quiz's text: from its "Quiz: <title>" line to its last question's last choice."""
    segments = {}
    for quiz in bank.values():
        start = text.find(f"Quiz: {plain(quiz.title)} (")
        last = quiz.questions[-1]
        choices = [o.text for o in last.options or []] + [i.text for i in last.items or []]
        end = text.find(md_plain(choices[-1]), start) if start >= 0 else -1
        if start >= 0 and end >= 0:
            segments[quiz.id] = text[start:end + len(md_plain(choices[-1]))]
    return segments


def key_markings(question_pages: list[str], bank: dict[str, Quiz]) -> list[str]:
    """Key markings inside the printed quizzes: answer words, option feedback, explanations (the
    chapters around them may quote the same evidence, so only the quizzes' own text is searched)."""
    found = []
    segments = quiz_segments(" ".join(question_pages), bank)
    for quiz in bank.values():
        text = segments.get(quiz.id)
        if text is None:
            found.append(f"quiz {quiz.id} is not printed before the answers")
            continue
        for word in KEY_WORDS:
            if word in text:
                found.append(f"{quiz.id}: {word!r} appears in the printed quiz")
        for q in quiz.questions:
            parts = [("explanation", q.explanation)]
            parts += [(f"feedback of {o.id}", o.feedback) for o in q.options or []]
            parts += [(f"feedback of {i.id}", i.feedback) for i in q.items or []]
            for what, value in parts:
                needle = md_plain(value)[:60]
                if len(needle) >= 25 and needle in text:
                    found.append(f"{q.id}: {what} appears in the printed quiz: {needle!r}")
    return found


def test_pdf_is_tagged_with_language_and_title(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert str(root.get("/Lang", "")).startswith("en"), "the PDF names no document language"
    assert "/StructTreeRoot" in root, "the PDF has no structure tree (not tagged)"
    assert root["/MarkInfo"]["/Marked"], "the PDF is not marked as tagged"
    assert reader.metadata.title == COURSE_TITLE()
    assert root["/ViewerPreferences"]["/DisplayDocTitle"], "viewers should show the title, not the file name"


def COURSE_TITLE() -> str:  # noqa: N802 - reads like the constant it stands for
    from evidence_course.site.build import book_title

    return book_title(COURSE)


def test_every_chapter_has_a_bookmark_and_its_heading(reader: PdfReader, page_texts: list[str]) -> None:
    bookmarks = [plain(item.title) for item in reader.outline if not isinstance(item, list)]
    text = " ".join(page_texts)
    missing_marks = [t for t in chapter_titles().values() if plain(t) not in bookmarks]
    missing_text = [t for t in chapter_titles().values() if plain(t) not in text]
    assert not missing_marks, f"no bookmark for {missing_marks} (bookmarks: {bookmarks})"
    assert not missing_text, f"chapter headings missing from the text: {missing_text}"
    assert ANSWERS_TITLE in bookmarks and "Contents" in bookmarks
    assert "Glossary" in bookmarks and "Further reading" in bookmarks


def test_title_page_gives_attribution_and_licences(page_texts: list[str]) -> None:
    first = page_texts[0]
    for words in ("HM Prison and Probation Service", "Crown copyright", "Open Government Licence v3.0",
                  "15 May 2019", "CC BY 4.0", "not Ministry of Justice or Government policy"):
        assert words in first, f"the title page does not say {words!r}"


def test_every_question_stem_is_on_a_question_page(reader: PdfReader, page_texts: list[str]) -> None:
    questions = " ".join(page_texts[:answers_start(reader)])
    missing = [f"{q.id}: {md_plain(q.prompt)!r}" for quiz in COURSE.bank(check_sections=False).values()
               for q in quiz.questions if md_plain(q.prompt) not in questions]
    assert not missing, "question stems missing before the answers:\n" + "\n".join(missing)


def test_no_key_marking_on_the_question_pages(reader: PdfReader, page_texts: list[str]) -> None:
    start = answers_start(reader)
    assert start > 10, "the answers should come after the chapters"
    found = key_markings(page_texts[:start], COURSE.bank(check_sections=False))
    assert not found, "\n".join(found)
    assert "Answer:" in " ".join(page_texts[start:]), "the answer appendix gives no answers"


def test_key_marking_check_catches_a_leaked_key(tmp_path: Path) -> None:
    """A printed quiz that shows an answer line and an option's feedback is caught."""
    bank = COURSE.bank(check_sections=False)
    quiz = next(iter(bank.values()))
    env = environment()
    page = env.get_template("quiz.html.j2").render(quiz=quiz, anchor="q", number=1)
    feedback = (quiz.questions[0].options or quiz.questions[0].items)[0].feedback
    leak = f"<p>Answer: A. {markup.inline(feedback)}</p>"
    leaked_html = page.replace('<p class="hint">', leak + '<p class="hint">', 1)
    leaked = tmp_path / "leaked.pdf"
    for target, body in ((tmp_path / "clean.pdf", page), (leaked, leaked_html)):
        document = f'<html lang="en-GB"><head><title>t</title></head><body>{body}</body></html>'
        write_pdf(document, target, tmp_path)
    only = {quiz.id: quiz}
    def texts(path: Path) -> list[str]:
        return [plain(p.extract_text()) for p in PdfReader(path).pages]

    assert key_markings(texts(tmp_path / "clean.pdf"), only) == []
    found = key_markings(texts(leaked), only)
    assert any("Answer:" in f for f in found) and any("feedback" in f for f in found), found


def test_internal_links_point_inside_the_pdf(pdf: Path) -> None:
    """The book's links (claims, chapters) became links to places in the PDF, not to web pages."""
    course_html = (pdf.parent / "course.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', course_html)
    internal = [h for h in hrefs if h.startswith("#")]
    ids = set(re.findall(r'\bid="([^"]+)"', course_html))
    dangling = [h for h in internal if h[1:] not in ids]
    relative = [h for h in hrefs if not h.startswith(("#", "http://", "https://", "mailto:"))]
    assert len(internal) > 50, "expected the book's claim and chapter links inside the PDF"
    assert not dangling, f"links to anchors the PDF does not hold: {dangling[:10]}"
    assert not relative, f"links to files outside the PDF: {relative[:10]}"
