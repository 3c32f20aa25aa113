"""The code stays ruff-clean and type-checks (the rules of both are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from course_under_test import ROOT


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([tool("ruff"), "check", "src", "tests", "tools"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    """``mypy`` over the package, strict except where pyproject.toml says otherwise (and why)."""
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
