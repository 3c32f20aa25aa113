"""Sphinx extension of the course: claims, static quizzes, the progress page and the facilitator kit.

Enabled from ``_config.yml`` (``sphinx.extra_extensions``). The quiz MIME renderer that myst-nb finds
through its entry point lives in :mod:`evidence_course.sphinx_ext.quiz`.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx

from ..live.display import STATIC_BUILD_ENV
from . import assets, claims, course, headings, kit, minify, progress, quiz


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the config value, roles, directives, nodes and the static quiz assets."""
    # Inherited by the kernels myst-nb starts: ``show_quiz`` then emits only the static-quiz marker,
    # so no widget state is stored and no widget JavaScript is loaded.
    os.environ[STATIC_BUILD_ENV] = "1"
    course.setup(app)
    claims.setup(app)
    quiz.setup(app)
    progress.setup(app)
    kit.setup(app)
    assets.setup(app)
    headings.setup(app)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_css_file("course.css")
    minify.setup(app)  # serves static/*.js|css minified
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
