"""The course these tests check: the checkout they live in, and where its build goes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from evidence_course.model.course import Course

COURSE = Course.find(Path(__file__).parent)
ROOT = COURSE.root
#: Where ``make book`` put the build (``COURSE_BUILD_DIR`` moves it, as for ``course --build-dir``).
BUILD_DIR = Path(os.environ.get("COURSE_BUILD_DIR") or ROOT / "_build")


def copy_of_course(dest: Path) -> Course:
    """A throw-away copy of the course's data (not its build) at ``dest``, for tests that edit files."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("book", "evidence", "quizzes", "facilitation", "practice"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("_build", "*.ipynb*"))
    return Course(dest)
