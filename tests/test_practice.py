"""Practice tools (practice/*.yml): course guidance tied to claims, checked data, rendered three ways.

Data: every tool loads, is labelled as course guidance and cites at least one claim; each check of the
loader fails on a file built to break it, naming file, line, tool id and the fix. Book: each tool has a
page; the built page shows the label, a citation of each claim and a label for every field. The session
plans use the tools. (Handouts: test_handouts.py; the browser: tests/browser/test_tools.py.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_under_test import COURSE

from evidence_course.model.chapters import toc_docnames
from evidence_course.model.errors import CourseDataError, CourseDataErrors
from evidence_course.model.kit import load_kit
from evidence_course.model.practice import Tool, load_tool, load_tools
from evidence_course.render.practice_html import STORAGE_PREFIX, render_tool, text_html

LABEL = "Course guidance, not evidence"
TOOLS = COURSE.practice_tools()


def fake_cite(claim_id: str) -> str:
    from markupsafe import Markup

    return Markup(f'<sup class="cite" data-claim="{claim_id}">source</sup>')


def test_the_issue_s_five_tools_are_there() -> None:
    assert set(TOOLS) == {"supported-referral", "supervision-questions", "service-map",
                          "disclosure-and-recording", "reflective-log"}


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_every_tool_is_labelled_course_guidance_and_cites_a_claim(tool_id: str) -> None:
    tool = TOOLS[tool_id]
    assert tool.claims, f"{tool_id} cites no claim"
    assert set(tool.claims) <= set(COURSE.claims)
    html = render_tool(tool, fake_cite)
    soup = BeautifulSoup(html, "html.parser")
    label = soup.select_one(".ec-tool-label .admonition-title")
    assert label is not None and label.get_text() == LABEL
    assert "not part of the HMPPS evidence summary" in soup.select_one(".ec-tool-label").get_text()
    cited = {sup["data-claim"] for sup in soup.select("sup.cite")}
    assert cited == set(tool.claims), f"{tool_id}: cites {sorted(cited)}, lists {sorted(tool.claims)}"


def test_the_real_tools_pass_the_loader_s_checks() -> None:
    """The loader is what refuses figures, named policies and missing content notes: run it for real."""
    tools = load_tools(COURSE.practice_dir, COURSE.claims.keys())
    assert all(isinstance(t, Tool) for t in tools.values())
    assert all(t.content_note for t in tools.values() if t.id in {"supervision-questions",
                                                                  "disclosure-and-recording"})


def test_referral_routine_agrees_what_the_person_wants_before_preparing_them() -> None:
    """Review 2, finding 6: the choice comes first. Ids are kept, so notes saved in browsers survive."""
    routine = next(p for p in TOOLS["supported-referral"].parts if p.id == "routine")
    assert [f.id for f in routine.fields] == ["agree", "prepare", "contact", "handover", "check",
                                              "not-happened"]
    assert routine.fields[0].label.startswith("Agree what they want")


def test_service_map_asks_whether_the_first_contact_can_be_supported() -> None:
    """Review 2, finding 15: 'Gaps we found' asks where people would be left with a leaflet; the map
    answers it in every area (stored as areas.<area>.supported, printed and filled like the others)."""
    tool = TOOLS["service-map"]
    keys = {key: field for _part, _row, field, key in tool.iter_fields()}
    for area in next(p for p in tool.parts if p.id == "areas").rows:
        field = keys[f"areas.{area.id}.supported"]
        assert field.kind == "choice" and field.choices == ["Yes", "No", "Not known"]
    gaps = next(p for p in tool.parts if p.id == "gaps")
    assert "supported first contact" in (gaps.text or "")


# --- Faults: each check of the loader, on a file built to break it --------------------------------

@pytest.fixture
def tool_copy(tmp_path: Path) -> Path:
    target = tmp_path / "practice"
    shutil.copytree(COURSE.practice_dir, target)
    return target


def broken(folder: Path, tool_id: str, old: str, new: str) -> list[CourseDataError]:
    path = folder / f"{tool_id}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_tool(path, COURSE.claims.keys())
    exc = info.value
    return exc.errors if isinstance(exc, CourseDataErrors) else [exc]


def line_with(folder: Path, tool_id: str, needle: str) -> int:
    lines = (folder / f"{tool_id}.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def one(errors: list[CourseDataError], *words: str) -> CourseDataError:
    hits = [e for e in errors if all(w in str(e) for w in words)]
    assert hits, "no error mentioning " + repr(words) + " in:\n" + "\n".join(map(str, errors))
    return hits[0]


def test_no_claims_at_all(tool_copy: Path) -> None:
    errors = broken(tool_copy, "reflective-log", "claims: [doesnt.signpost-only,", "claims: []\nx: [")
    assert any("claims" in str(e) for e in errors)


def test_unknown_claim(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "claims: [doesnt.signpost-only,",
                       "claims: [doesnt.no-such-claim, doesnt.signpost-only,"), "unknown claim id")
    assert error.item == "reflective-log" and "Fix:" in str(error)
    assert error.line == line_with(tool_copy, "reflective-log", "doesnt.no-such-claim")
    assert "reflective-log.yml" in str(error)


def test_listed_claim_not_cited(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "{claim}`finding.services-for-men`", ""),
                "'finding.services-for-men' is listed but not cited")
    assert "{claim}`finding.services-for-men`" in str(error)


def test_cited_claim_not_listed(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "It is fine to leave",
                       "Stigma {claim}`reading.stigma-distinguishes`. It is fine to leave"),
                "'reading.stigma-distinguishes' is cited but not listed")
    assert error.line == line_with(tool_copy, "reflective-log", "reading.stigma-distinguishes")


def test_a_figure_or_threshold_is_refused(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "disclosure-and-recording", "a child is being harmed or sexually exploited",
                       "anyone under 18 is being harmed or sexually exploited"), "a figure")
    assert "organisation's" in str(error) and error.line == line_with(tool_copy, "disclosure-and-recording",
                                                                      "under 18")


POLICIES = ["the Modern Slavery Act", "a MAPPA referral", "the National Referral Mechanism",
            "the Safeguarding Policy Framework", "MARAC"]


@pytest.mark.parametrize("policy", POLICIES)
def test_a_named_policy_is_refused(tool_copy: Path, policy: str) -> None:
    old = "follow your organisation's modern slavery procedures"
    error = one(broken(tool_copy, "disclosure-and-recording", old, f"follow {policy}"),
                "a named law, policy or procedure")
    assert "your organisation's safeguarding procedures" in str(error)


def test_content_note_required_when_trauma_is_mentioned(tool_copy: Path) -> None:
    note = "content_note: >-\n  This page mentions trauma, violence and substance misuse, without detail.\n"
    errors = broken(tool_copy, "supervision-questions", note, "")
    assert one(errors, "no content note").item == "supervision-questions"


def test_id_must_match_file_name(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "id: reflective-log", "id: reflective-diary"),
                "is not the file name")
    assert error.line == line_with(tool_copy, "reflective-log", "id: reflective-diary")


def test_duplicate_field_ids(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "      - id: learned\n", "      - id: about\n"),
                "duplicate field id 'about'")
    lines = (tool_copy / "reflective-log.yml").read_text(encoding="utf-8").splitlines()
    first = line_with(tool_copy, "reflective-log", "- id: about")
    assert lines[error.line - 1].strip() == "- id: about" and error.line > first  # the second one


def test_choice_needs_two_choices(tool_copy: Path) -> None:
    errors = broken(tool_copy, "service-map", 'choices: ["Yes", "No", Not known]', 'choices: ["Yes"]')
    error = one(errors, "at least two `choices`")
    assert error.item.startswith("service-map/") and error.line == line_with(tool_copy, "service-map",
                                                                              'choices: ["Yes"]') - 3


def test_a_tool_with_nothing_to_fill_in(tool_copy: Path) -> None:
    path = tool_copy / "reflective-log.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"    fields:\n(      .*\n|        .*\n)+", "", text)
    path.write_text(text, encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_tool(path, COURSE.claims.keys())
    assert "nothing to fill in" in str(info.value)


def test_wording_rules_apply_to_tools(tool_copy: Path) -> None:
    error = one(broken(tool_copy, "reflective-log", "studies report that sex workers identify",
                       "sex workers identify"), "keep-studies-report")
    assert "Studies report" in str(error)


def test_stigmatising_words_are_refused(tool_copy: Path) -> None:
    errors = broken(tool_copy, "disclosure-and-recording", "Kim is a sex worker", "Kim is a prostitute")
    one(errors, "prostitut")


def test_all_problems_across_files_are_reported_together(tool_copy: Path) -> None:
    for tool_id, old, new in [("reflective-log", "id: reflective-log", "id: wrong"),
                              ("service-map", "id: service-map", "id: also-wrong")]:
        path = tool_copy / f"{tool_id}.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CourseDataErrors) as info:
        load_tools(tool_copy, COURSE.claims.keys())
    assert {e.item for e in info.value.errors} == {"wrong", "also-wrong"}


# --- Rendering ---------------------------------------------------------------------------------------

def test_tool_text_cannot_become_markup() -> None:
    html = text_html('<script>alert(1)</script> **bold** [x](javascript:alert(1)) {claim}`works.housing`',
                     fake_cite)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<strong>bold</strong>" in html
    assert 'data-claim="works.housing"' in html


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_every_field_has_a_label_and_a_unique_id(tool_id: str) -> None:
    tool = TOOLS[tool_id]
    soup = BeautifulSoup(render_tool(tool, fake_cite), "html.parser")
    controls = soup.select("input, textarea, select")
    ids = [c["id"] for c in controls]
    assert len(ids) == len(set(ids)), f"{tool_id}: duplicate ids"
    for control in controls:
        label = soup.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), f"{tool_id}: {control['id']} has no label"
        if control.get("type") == "radio":
            legend = control.find_parent("fieldset").find("legend")
            assert legend.get_text(strip=True), f"{tool_id}: radio group without a legend"
    names = {c["name"] for c in controls if c.get("name")}
    assert names == set(tool.field_keys())
    assert soup.select_one(".ec-tool")["data-storage-key"] == STORAGE_PREFIX + tool_id
    assert soup.select_one(".ec-tool-clear") and soup.select_one(".ec-tool-print")


# --- In the book and the session plans ---------------------------------------------------------------

def test_every_tool_has_a_page_in_the_toc_with_its_title() -> None:
    docnames = toc_docnames(COURSE.toc_file)
    assert "book/tools/index" in docnames
    for tool in TOOLS.values():
        assert f"book/tools/{tool.id}" in docnames
        page = (COURSE.book_dir / "tools" / f"{tool.id}.md").read_text(encoding="utf-8")
        assert f"```{{practice-tool}} {tool.id}\n```" in page
        assert f"\n# {tool.title}\n" in page, f"book/tools/{tool.id}.md: the heading is not the tool's title"


def page_soup(built_html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((built_html / "book" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def uses_tools_js(soup: BeautifulSoup) -> bool:
    return any("_static/tools.js" in s.get("src", "") for s in soup.select("script"))


def test_built_tool_pages(built_html: Path) -> None:
    claims = COURSE.claims
    for tool in TOOLS.values():
        page = built_html / "book" / "tools" / f"{tool.id}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".ec-tool-label .admonition-title").get_text() == LABEL
        hrefs = {a["href"] for a in soup.select(".ec-tool a.claim-ref")}
        for claim in tool.claims:
            assert f"../claims.html#{claims[claim].anchor}" in hrefs, f"{tool.id}: {claim} not linked"
        assert uses_tools_js(soup), f"{tool.id}: tools.js is not loaded"
        for link in soup.select(".ec-tool a[href]:not(.claim-ref)"):
            target = link["href"].split("#")[0]
            assert (page.parent / target).is_file(), f"{tool.id}: link to {link['href']} leads nowhere"
    assert not uses_tools_js(page_soup(built_html, "what-works")), "tools.js is loaded on every page"
    progress = page_soup(built_html, "progress")
    assert uses_tools_js(progress)
    assert progress.select_one("script.ec-tools-index") is not None
    assert progress.select_one(".ec-cpd .ec-cpd-tools") is not None


def test_both_session_plans_use_at_least_two_tools_with_timings() -> None:
    kit = COURSE.kit()
    for session in kit.sessions.values():
        used = {t for seg in session.segments for t in seg.tools}
        assert len(used) >= 2, f"{session.id} uses {sorted(used)}"
        assert all(seg.minutes > 0 for seg in session.segments if seg.tools)
        assert sum(seg.minutes for seg in session.segments) == session.minutes


def test_a_session_naming_an_unknown_tool_is_refused(tmp_path: Path) -> None:
    kit_dir = tmp_path / "facilitation"
    shutil.copytree(COURSE.facilitation_dir, kit_dir)
    path = kit_dir / "sessions.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tools: [reflective-log]", "tools: [no-such-tool]", 1), encoding="utf-8")
    with pytest.raises((CourseDataError, CourseDataErrors)) as info:
        load_kit(COURSE, kit_dir)
    assert "unknown practice tool id 'no-such-tool'" in str(info.value)
    assert "practice/" in str(info.value)


def test_built_session_plans_link_the_tools(built_html: Path) -> None:
    page = (built_html / "book" / "facilitators" / "session-plans.html").read_text(encoding="utf-8")
    for tool_id in ("supported-referral", "disclosure-and-recording", "reflective-log", "service-map"):
        assert f'href="../tools/{tool_id}.html"' in page
