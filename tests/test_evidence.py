"""The evidence model: claims.yml quotes the source exactly, covers it, and bad files are named clearly.

Every error from :func:`load_claims` must name the file, the line and (where there is one) the claim
id, so an author can go straight to the place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from course_under_test import COURSE

from evidence_course.model.errors import CourseDataError
from evidence_course.model.evidence import load_claims, source_text

#: A small, valid claims file; tests break one thing at a time.
GOOD = """\
claims:
  - id: finding.negative-health
    kind: finding
    section: summary
    label: Sex work is associated with negative health outcomes.
    quote: Sex work is associated with a range of negative health outcomes.

  - id: works.housing
    kind: works
    section: what-works
    label: Holistic services include housing.
    quote: housing

  - id: reading.sesta
    kind: reading
    section: further-reading
    bib: sesta2018lgbtq
    label: A US web page.
    quote: Sex Work is a LGBTQ issue Survivors against SESTA (Stop Enabling Sex Traffickers Act) US (2018)
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_containing(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line of ``path`` that contains ``needle``."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def load_error(path: Path) -> str:
    with pytest.raises(CourseDataError) as info:
        load_claims(path, COURSE.source_file)
    return str(info.value)


# --- The real claims file ---------------------------------------------------------------------------


def test_every_claim_quote_occurs_verbatim_in_the_source() -> None:
    # Raises, naming file, line and claim id, if any quote is not verbatim.
    claims = load_claims(COURSE.claims_file, COURSE.source_file)
    assert len(claims) >= 40
    source = source_text(COURSE.source_file)
    missing = [cid for cid, claim in claims.items() if claim.quote not in source]
    assert not missing, f"quotes not found verbatim in {COURSE.source_file}: {missing}"


def test_small_valid_file_loads(tmp_path: Path) -> None:
    assert set(load_claims(write(tmp_path, GOOD), COURSE.source_file)) == {
        "finding.negative-health", "works.housing", "reading.sesta"}


def test_altered_quote_in_a_copy_fails_naming_file_line_and_claim(tmp_path: Path) -> None:
    text = COURSE.claims_file.read_text(encoding="utf-8")
    original = "quote: Experiences of violence and trauma are also common."
    assert text.count(original) == 1
    altered = "quote: Experiences of violence and trauma are very common."
    path = write(tmp_path, text.replace(original, altered))
    message = load_error(path)
    line = line_containing(path, "are very common.")
    assert f"{path}:{line}:" in message
    assert "[finding.violence-trauma]" in message
    assert "verbatim" in message


# --- Bad claims files: each names file, line and claim id ----------------------------------------


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("id: works.housing", "id: finding.negative-health"))
    message = load_error(path)
    line = line_containing(path, "id: finding.negative-health", occurrence=2)
    assert f"{path}:{line}:" in message
    assert "[finding.negative-health]" in message
    assert "duplicate" in message


def test_unknown_kind(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("kind: works", "kind: promising"))
    message = load_error(path)
    assert f"{path}:{line_containing(path, 'kind: promising')}:" in message
    assert "[works.housing]" in message
    assert "kind" in message


def test_id_prefix_does_not_match_kind(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("kind: works", "kind: finding"))
    message = load_error(path)
    # The error points at the start of the claim (its first line, "- id: ...").
    assert f"{path}:{line_containing(path, 'id: works.housing')}:" in message
    assert "[works.housing]" in message
    assert "'finding.'" in message


def test_reading_claim_without_bib(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    bib: sesta2018lgbtq\n", ""))
    message = load_error(path)
    assert f"{path}:{line_containing(path, 'id: reading.sesta')}:" in message
    assert "[reading.sesta]" in message
    assert "bib" in message


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    label: Holistic services include housing.",
                                        "    label: Holistic services: housing."))
    message = load_error(path)
    # A syntax error has no claim to name: file and line are what an author needs.
    assert f"{path}:{line_containing(path, 'Holistic services: housing')}:" in message
    assert "YAML syntax error" in message


# --- The claims cover the source ------------------------------------------------------------------


def list_items(source: str) -> list[tuple[int, str]]:
    """(line, text) of every "- " list item of the source, with a trailing " and" stripped."""
    items = []
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith("- "):
            text = line[2:].strip()
            text = text.removesuffix(" and")
            items.append((number, text))
    return items


def uncovered_items(source: str, quotes: list[str]) -> list[str]:
    return [f"line {n}: {text!r}" for n, text in list_items(source)
            if not any(text in quote for quote in quotes)]


def test_every_source_list_item_is_covered_by_a_claim() -> None:
    items = list_items(source_text(COURSE.source_file))
    assert len(items) >= 17, "expected the service areas, outcomes and doesn't-work items"
    missing = uncovered_items(source_text(COURSE.source_file), [c.quote for c in COURSE.claims.values()])
    assert not missing, "list items of the source with no claim quoting them:\n" + "\n".join(missing)


def test_coverage_check_notices_a_missing_item() -> None:
    source = "Intro.\n\n- housing\n- parenting and\n- legal advice\n"
    assert uncovered_items(source, ["housing", "parenting", "legal advice"]) == []
    assert uncovered_items(source, ["housing", "legal advice"]) == ["line 4: 'parenting'"]
