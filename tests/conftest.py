"""Shared fixtures: where the built book is, so every layer of tests reads the same build."""

from __future__ import annotations

from pathlib import Path

import pytest
from course_under_test import BUILD_DIR


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book (``make test`` builds it first); fails clearly when it is missing."""
    html = BUILD_DIR / "html"
    if not (html / "index.html").exists():
        pytest.fail(f"no built book at {html}: run `make book` first")
    return html
