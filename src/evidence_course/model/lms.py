"""What the course tells a learning platform (SCORM): the pass mark, the quiz that is scored, a description.

Three Sphinx config values of the book (registered by :mod:`evidence_course.sphinx_ext.lms`), set in
``_config.yml`` under ``sphinx: config:``::

    course_pass_mark: 80                  # percent of the assessment right first time; null: no pass/fail
    course_assessment: final-assessment   # the quiz whose first-try score the platform receives
    course_description: "..."             # the package's description in the platform

``course scorm`` reads them here, from the same file, so the package and the book never disagree; a bad
value is reported with the file, the line and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .course import Course
from .errors import CourseDataError
from .yamlfile import line_of, load_yaml

#: Percent of the assessment's questions right first time needed to pass (SCORM ``masteryscore``).
DEFAULT_PASS_MARK = 80
#: The quiz whose first-try score is reported.
DEFAULT_ASSESSMENT = "final-assessment"
PASS_MARK_KEY = "course_pass_mark"
ASSESSMENT_KEY = "course_assessment"
DESCRIPTION_KEY = "course_description"


@dataclass(frozen=True)
class LmsSettings:
    """How the course reports to a platform."""

    title: str
    description: str
    #: 0–100, or None to report "completed" without passed/failed.
    pass_mark: float | None
    assessment: str
    #: the book's language (Sphinx ``language``)
    language: str = "en"


def pass_mark_problem(value: Any) -> str | None:
    """Why ``value`` is not a pass mark (a number from 0 to 100, or null), or None when it is one."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{PASS_MARK_KEY} must be a number of percent (0 to 100) or null, not {value!r}"
    if not 0 <= value <= 100:
        return f"{PASS_MARK_KEY} must be between 0 and 100 (percent), not {value!r}"
    return None


def lms_settings(course: Course) -> LmsSettings:
    """The LMS settings in ``course``'s ``_config.yml`` (defaults where a value is not set)."""
    path = course.config_file
    doc = load_yaml(path) or {}
    sphinx = doc.get("sphinx") or {}
    config = sphinx.get("config") or {}
    where = ["sphinx", "config"]

    def fail(key: str, problem: str, fix: str) -> CourseDataError:
        return CourseDataError(path, line_of(doc, [*where, key]), problem, item=key, fix=fix)

    pass_mark = config.get(PASS_MARK_KEY, DEFAULT_PASS_MARK)
    problem = pass_mark_problem(pass_mark)
    if problem:
        raise fail(PASS_MARK_KEY, problem,
                   f"write e.g. `{PASS_MARK_KEY}: {DEFAULT_PASS_MARK}` under sphinx: config:")
    assessment = config.get(ASSESSMENT_KEY, DEFAULT_ASSESSMENT)
    if not isinstance(assessment, str) or not assessment:
        raise fail(ASSESSMENT_KEY, f"{ASSESSMENT_KEY} must be a quiz id, not {assessment!r}",
                   "name a quiz in quizzes/ (its file name without .yml)")
    description = config.get(DESCRIPTION_KEY, "")
    if not isinstance(description, str):
        raise fail(DESCRIPTION_KEY, f"{DESCRIPTION_KEY} must be text", "quote it as a YAML string")
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CourseDataError(path, line_of(doc, ["title"]), "the book has no title", item="title",
                              fix="set `title:` in _config.yml")
    language = config.get("language") or "en"
    return LmsSettings(title=" ".join(title.split()), description=" ".join(description.split()),
                       pass_mark=None if pass_mark is None else float(pass_mark), assessment=assessment,
                       language=str(language))
