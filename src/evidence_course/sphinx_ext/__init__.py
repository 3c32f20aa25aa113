"""Sphinx extension of the course: claims, static quizzes, the progress page and the facilitator kit.

Enabled from ``_config.yml`` (``sphinx.extra_extensions``). The quiz MIME renderer that myst-nb finds
through its entry point lives in :mod:`evidence_course.sphinx_ext.quiz`. The extension keeps its state
in Sphinx's build environment and config, never in process-wide globals: the kernels' static-build
flag is set by ``course build`` for its own subprocess (see :mod:`evidence_course.site.build`).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import (
    assets,
    claims,
    course,
    headings,
    html_fixes,
    kit,
    lms,
    minify,
    practice,
    progress,
    quiz,
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the config values, roles, directives, nodes and the static quiz assets."""
    course.setup(app)
    claims.setup(app)
    quiz.setup(app)
    progress.setup(app)
    kit.setup(app)
    practice.setup(app)
    assets.setup(app)
    headings.setup(app)
    html_fixes.setup(app)
    lms.setup(app)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_css_file("course.css")
    minify.setup(app)  # serves static/*.js|css minified
    # env_version: raise it when what the extension keeps in the environment changes shape, so Sphinx
    # discards a saved environment instead of reusing data this version does not write.
    return {"version": "0.1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
