"""Shared fixtures: where the built book is, so every layer of tests reads the same build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_course.paths import BUILD_DIR


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book (``make test`` builds it first); fails clearly when it is missing."""
    html = Path(os.environ.get("COURSE_BUILD_DIR", BUILD_DIR)) / "html"
    if not (html / "index.html").exists():
        pytest.fail(f"no built book at {html}: run `make book` first")
    return html
