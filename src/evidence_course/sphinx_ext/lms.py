"""Config values for learning platforms: ``course_pass_mark``, ``course_assessment``, ``course_description``.

They shape the SCORM package (``course scorm``, :mod:`evidence_course.render.scorm`), not the pages, so
changing them rebuilds nothing. Registering them lets ``_config.yml`` set them (Jupyter Book passes its
``sphinx: config:`` as overrides, and Sphinx warns about unknown ones) and checks the pass mark early.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..model.lms import (
    ASSESSMENT_KEY,
    DEFAULT_ASSESSMENT,
    DEFAULT_PASS_MARK,
    DESCRIPTION_KEY,
    PASS_MARK_KEY,
    pass_mark_problem,
)


def _check(app: Sphinx, config: Config) -> None:
    problem = pass_mark_problem(getattr(config, PASS_MARK_KEY))
    if problem:
        raise ConfigError(f"_config.yml: {problem}. Fix: e.g. `{PASS_MARK_KEY}: {DEFAULT_PASS_MARK}`")


def setup(app: Sphinx) -> None:
    """Register the three values (defaults: 80 %, the final assessment, no description)."""
    app.add_config_value(PASS_MARK_KEY, DEFAULT_PASS_MARK, "", types=[int, float, type(None)])
    app.add_config_value(ASSESSMENT_KEY, DEFAULT_ASSESSMENT, "", types=[str])
    app.add_config_value(DESCRIPTION_KEY, "", "", types=[str])
    app.connect("config-inited", _check)
