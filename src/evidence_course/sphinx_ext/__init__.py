"""Sphinx extension of the course: the ``{claim}`` role, the claims page and the static quiz assets.

Enabled from ``_config.yml`` (``sphinx.extra_extensions``). The quiz MIME renderer that myst-nb finds
through its entry point lives in :mod:`evidence_course.sphinx_ext.mime`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..display import STATIC_BUILD_ENV
from . import claims_page, facilitation, mime, progress

STATIC_DIR = Path(__file__).parent / "static"
#: Overrides of theme templates (accessibility fixes), searched before the theme's own.
TEMPLATES_DIR = Path(__file__).parent / "templates"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the role, directives and static files."""
    # Inherited by the kernels myst-nb starts: ``show_quiz`` then emits only the static-quiz marker,
    # so no widget state is stored and no widget JavaScript is loaded.
    os.environ[STATIC_BUILD_ENV] = "1"
    claims_page.setup(app)
    mime.setup(app)
    progress.setup(app)
    facilitation.setup(app)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.connect("builder-inited", _add_static_path)
    app.add_css_file("course.css")
    app.add_css_file("theme-fixes.css")
    app.connect("config-inited", _add_templates_path)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))


def _add_templates_path(app: Sphinx, config: Any) -> None:
    config.templates_path.insert(0, str(TEMPLATES_DIR))
