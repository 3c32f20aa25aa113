"""The chapters: claims cited and covered, no invented statistics, respectful words, full bibliography.

Tests read the MyST sources (no build needed) except the last, which reads the built book.
Each check is a small function tested on made-up input as well, so a check that could never fail
would be noticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_under_test import COURSE, ROOT
from pybtex.database import parse_file

from evidence_course.model.chapters import Chapter, parse_chapter
from evidence_course.model.evidence import ClaimKind, source_text

#: Claims every learner must meet somewhere in the book.
TAUGHT_KINDS = {ClaimKind.FINDING, ClaimKind.WORKS, ClaimKind.DOESNT_WORK}

#: Pages that need not cite a claim: the reference and tool pages.
NO_CLAIM_NEEDED = {"source", "claims", "glossary", "accessibility", "about", "progress", "final-assessment"}
#: The facilitator part and the practice tools render their material from checked YAML
#: (facilitation/*.yml, practice/*.yml) with directives; their claims are checked there (test_facilitation,
#: test_practice), not as {claim} roles in the page.
NO_CLAIM_NEEDED_UNDER = ("book/facilitators/", "book/tools/")

BIB_FILE = COURSE.book_dir / "references.bib"


def report(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(f"  - {p}" for p in problems), pytrace=False)


def book_sources() -> list[Path]:
    return sorted(p for p in COURSE.book_dir.rglob("*.md") if "_build" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- Claims cited ---------------------------------------------------------------------------------


def uncited(chapters: dict[str, Chapter], claim_kinds: dict[str, str], kinds: set[str]) -> list[str]:
    """Claims of the given kinds that no chapter cites, as "id (kind)"."""
    cited = {cid for chapter in chapters.values() for cid in chapter.claims}
    return [f"{cid} ({kind})" for cid, kind in claim_kinds.items() if kind in kinds and cid not in cited]


def test_every_finding_works_and_doesnt_work_claim_is_cited() -> None:
    kinds = {cid: c.kind.value for cid, c in COURSE.claims.items()}
    missing = uncited(COURSE.chapters(), kinds, {k.value for k in TAUGHT_KINDS})
    report(missing, "claims that no chapter in the toc cites")


def needs_claim(docname: str) -> bool:
    return docname.rsplit("/", 1)[-1] not in NO_CLAIM_NEEDED and not docname.startswith(NO_CLAIM_NEEDED_UNDER)


def test_every_teaching_chapter_cites_a_claim() -> None:
    chapters = COURSE.chapters()
    assert "book/what-works" in chapters and "book/intro" in chapters
    bare = [f"{name}.md cites no claim" for name, ch in chapters.items()
            if needs_claim(name) and not ch.claims]
    report(bare, "chapters without a single {claim}")


def test_every_cited_claim_exists() -> None:
    known = COURSE.claims
    problems = []
    for path in book_sources():
        for cid in parse_chapter(path, rel(path)).claims:
            if cid not in known:
                problems.append(f"{rel(path)}: {{claim}}`{cid}` is not in evidence/claims.yml")
    report(problems, "unknown claim ids")


def test_coverage_checks_notice_gaps(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nText {claim}`works.housing`.\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("# Empty\n\nNo citation.\n", encoding="utf-8")
    chapters = {f"book/{p.stem}": parse_chapter(p, f"book/{p.stem}") for p in (page, empty)}
    kinds = {"works.housing": "works", "finding.ptsd": "finding", "context.scope": "context"}
    assert uncited(chapters, kinds, {"finding", "works"}) == ["finding.ptsd (finding)"]
    assert not chapters["book/empty"].claims
    assert needs_claim("book/empty") and not needs_claim("book/glossary")
    assert not needs_claim("book/tools/service-map") and needs_claim("book/tools-elsewhere")


# --- No invented statistics -------------------------------------------------------------------------

STATISTICS = [
    re.compile(r"\d+(\.\d+)?\s*(%|per ?cent\b|percent\b)", re.IGNORECASE),
    re.compile(r"\b\d+ (in|out of) \d+\b", re.IGNORECASE),
]


def statistics_in(text: str, source: str) -> list[str]:
    """Percentages and "x in y" figures in ``text`` that do not occur in ``source``, as "line N: match"."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern in STATISTICS:
            for match in pattern.finditer(line):
                if match.group(0) not in source:
                    found.append(f"line {number}: {match.group(0)!r}")
    return found


def course_texts() -> list[Path]:
    return (book_sources() + sorted(COURSE.quiz_dir.glob("*.yml"))
            + sorted(COURSE.facilitation_dir.glob("*.yml")) + sorted(COURSE.practice_dir.glob("*.yml")))


def test_no_statistics_that_are_not_in_the_source() -> None:
    source = source_text(COURSE.source_file)
    problems = [f"{rel(path)} {hit}" for path in course_texts()
                for hit in statistics_in(path.read_text(encoding="utf-8"), source)]
    report(problems, "statistics not in the source (the source gives none)")


@pytest.mark.parametrize("text", ["Around 70% of them", "70 per cent", "seventy: 70 percent", "1 in 4 women",
                                  "3 out of 10 people", "12.5 %"])
def test_statistics_check_catches(text: str) -> None:
    assert statistics_in(text, "no numbers here")


@pytest.mark.parametrize("text", ["Published 15 May 2019", "Briefing Paper #08", "90(1):38–40, 2014"])
def test_statistics_check_allows_dates_and_references(text: str) -> None:
    assert statistics_in(text, "") == []


# --- Respectful language ----------------------------------------------------------------------------

#: Stigmatising words the course never uses in its own voice.
STIGMATISING = re.compile(
    r"\bprostitut\w*|\bhookers?\b|\bwhores?\b|\bfallen\s+wom[ae]n\b|\bsex\s+offenders?\b|\baddicts?\b"
    r"|\bjunkies?\b|\bstreetwalkers?\b|\brent\s+boys?\b|\btrann(y|ies)\b",
    re.IGNORECASE,
)
#: Published titles that keep their own wording (matched across line breaks, any case).
ALLOWED_TITLES = [
    "All Party Parliamentary Group on Prostitution and the Global Sex Trade",
    "Shifting the Burden: An inquiry to assess the operation of the current legal settlement on "
    "prostitution in England and Wales",
    "prostitution and the global sex trade",
]
TITLE_PATTERNS = [re.compile(r"\s+".join(map(re.escape, t.split())), re.IGNORECASE) for t in ALLOWED_TITLES]


def stigmatising_words(text: str) -> list[str]:
    """Stigmatising words outside the allowed titles, as "line N: word"."""
    for pattern in TITLE_PATTERNS:  # blank out titles, keeping line breaks so line numbers stay right
        text = pattern.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)
    return [f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}"
            for m in STIGMATISING.finditer(text)]


def test_no_stigmatising_language() -> None:
    problems = [f"{rel(path)} {hit}" for path in course_texts()
                for hit in stigmatising_words(path.read_text(encoding="utf-8"))]
    report(problems, "stigmatising words outside a cited title (use e.g. 'people who sell sex')")


@pytest.mark.parametrize("text", ["She was a prostitute.", "Prostitutes in prison", "a drug addict",
                                  "Addicts", "hookers", "fallen women", "sex offenders who sell sex",
                                  "the report on prostitution", "a rent boy"])
def test_language_check_catches(text: str) -> None:
    assert stigmatising_words(text)


def test_language_check_allows_cited_titles_even_across_lines() -> None:
    text = ("A report by the All Party Parliamentary group on\n"
            "prostitution and the global sex trade (2014).\n"
            "The All Party Parliamentary Group on Prostitution and the Global Sex Trade.\n"
            "People who sell sex; addiction services.")
    assert stigmatising_words(text) == []
    assert stigmatising_words(text + "\nA prostitute.") == ["line 5: 'prostitute'"]


# --- The bibliography --------------------------------------------------------------------------------


def bib_keys_in_claims() -> set[str]:
    return {c.bib for c in COURSE.claims.values() if c.bib}


def test_bib_has_every_further_reading_item() -> None:
    entries = parse_file(str(BIB_FILE)).entries
    wanted = bib_keys_in_claims()
    assert len(wanted) == 8, f"claims.yml names {len(wanted)} bib keys, the source lists 8 items"
    bib = rel(BIB_FILE)
    report([f"{key}: named in claims.yml but not in {bib}" for key in sorted(wanted - set(entries))]
           + [f"{key}: in {bib} but no reading claim names it" for key in sorted(set(entries) - wanted)],
           "bibliography keys out of step")


def plain_title(title: str) -> str:
    return " ".join(title.replace("{", "").replace("}", "").replace("\\", "").split())


def test_further_reading_cites_every_item() -> None:
    chapter = COURSE.chapters()["book/further-reading"]
    text = chapter.path.read_text(encoding="utf-8")
    report([f"{key}: not cited with {{cite:t}} or {{cite:p}}" for key in sorted(bib_keys_in_claims())
            if not re.search(r"\{cite:[tp]\}`[^`]*\b" + re.escape(key) + r"\b", text)]
           + [f"{cid}: not quoted with its claim" for cid, c in COURSE.claims.items()
              if c.kind is ClaimKind.READING and cid not in chapter.claims],
           "further reading items missing from book/further-reading.md")
    assert "```{bibliography}" in text


def test_all_eight_references_render_in_the_built_bibliography(built_html: Path) -> None:
    page = built_html / "book" / "further-reading.html"
    assert page.exists(), f"{page} missing: run `make book` first"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rendered = " ".join(soup.get_text(" ").split())
    entries = parse_file(str(BIB_FILE)).entries
    missing = [f"{key}: {plain_title(entries[key].fields['title'])!r}" for key in sorted(bib_keys_in_claims())
               if key not in entries or plain_title(entries[key].fields["title"]) not in rendered]
    report(missing, f"references whose title is not in {page}")
    entries_shown = soup.select(".citation-list .citation")
    shown = len(entries_shown)
    assert shown == len(bib_keys_in_claims()), f"{shown} bibliography entries in {page}, expected 8"


# --- Content notes (issue #12, review 2, finding 15) ----------------------------------------------

#: Words that mean a page discusses violence or trauma (the common brief: such pages carry a content note).
HEAVY_TOPICS = re.compile(r"\b(violence|trauma|trauma-related|PTSD|post-traumatic|re-victimisation)\b", re.I)
#: Pages that name these topics only to describe the content notes themselves.
NAMES_TOPICS_ONLY = {"accessibility"}


def _is_content_note(tag: object) -> bool:
    title = getattr(tag, "select_one", lambda _: None)(".admonition-title")
    return title is not None and title.get_text(" ", strip=True).startswith("Content note")


def lacks_content_note(html: str) -> bool:
    """True when the page's main text mentions violence or trauma before (or without) a "Content note" box."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("article[role=main]") or soup
    first = main.find(string=HEAVY_TOPICS)
    if first is None:
        return False
    inside = first.find_parent(class_="admonition")
    if inside is not None and _is_content_note(inside):
        return False
    return not any(_is_content_note(box) for box in first.find_all_previous(class_="admonition"))


def test_pages_that_discuss_violence_or_trauma_open_with_a_content_note(built_html: Path) -> None:
    pages = [built_html / "book" / f"{p.stem}.html" for p in sorted(COURSE.book_dir.glob("*.md"))
             if p.stem not in NAMES_TOPICS_ONLY]
    assert all(p.exists() for p in pages), [p.name for p in pages if not p.exists()]
    missing = [f"book/{p.stem}.md" for p in pages if lacks_content_note(p.read_text(encoding="utf-8"))]
    report(missing, "pages that mention violence or trauma with no content note before the first mention")


NOTE = '<div class="warning admonition"><p class="admonition-title">Content note</p><p>{}</p></div>'


@pytest.mark.parametrize(("html", "lacks"), [
    ('<article role="main"><h1>Glossary</h1><dl><dt>Trauma</dt></dl></article>', True),
    ('<article role="main"><p>PTSD is common.</p>' + NOTE.format("Mentions trauma.") + "</article>", True),
    ('<article role="main">' + NOTE.format("This page mentions violence.") + "<p>Violence.</p></article>",
     False),
    ('<article role="main">' + NOTE.format("Take a break.") + "<p>Re-victimisation.</p></article>", False),
    ('<article role="main"><p>Housing and parenting.</p></article>', False),
])
def test_content_note_check_catches(html: str, lacks: bool) -> None:
    assert lacks_content_note(html) is lacks
