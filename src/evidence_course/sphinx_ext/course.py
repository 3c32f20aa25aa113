"""The course a Sphinx build renders: its root is the ``course_root`` config value (default: srcdir)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.course import Course


def course_of(env: BuildEnvironment) -> Course:
    """The course being built (one :class:`Course` per root, so claims are loaded once)."""
    root = env.config.course_root or env.srcdir
    return Course.at(Path(root))


def setup(app: Sphinx) -> None:
    """Register ``course_root``: the folder holding ``evidence/``, ``quizzes/`` and ``facilitation/``."""
    app.add_config_value("course_root", None, "env", types=[str, type(None)])
