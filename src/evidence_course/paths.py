"""Where the course's data lives: one place, so every module and test agrees."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root. The package is installed in editable mode from ``src/``; a checkout elsewhere
#: can be pointed at with ``EVIDENCE_COURSE_ROOT``.
ROOT = Path(os.environ.get("EVIDENCE_COURSE_ROOT", Path(__file__).resolve().parents[2]))
EVIDENCE_DIR = ROOT / "evidence"
SOURCE_FILE = EVIDENCE_DIR / "source.md"
CLAIMS_FILE = EVIDENCE_DIR / "claims.yml"
QUIZ_DIR = ROOT / "quizzes"
BOOK_DIR = ROOT / "book"
#: Build outputs; ``COURSE_BUILD_DIR`` moves them (e.g. to build two copies side by side).
BUILD_DIR = Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build"))
