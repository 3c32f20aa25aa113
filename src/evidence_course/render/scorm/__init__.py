"""The whole course for a learning platform: a SCORM package of the static book (``course scorm``).

One SCO: ``launch.html`` shows the built book in a frame and keeps the platform's session while the
learner moves between chapters (``static/launch.js``: the platform session, the final assessment's
first-try score and passed/failed, the page for resume; ``static/suspend.js``: progress as
``cmi.suspend_data``). :mod:`.manifest` writes
``imsmanifest.xml``; :mod:`.package` gathers the files and writes the zip.
"""

from __future__ import annotations

from pathlib import Path

from ...model.course import Course
from ...model.lms import lms_settings
from .package import FILE_NAMES, Package, PackageError, build_package

__all__ = ["FILE_NAMES", "Package", "PackageError", "write_scorm_packages"]


def write_scorm_packages(course: Course, build_dir: Path, out_dir: Path | None = None,
                         versions: tuple[str, ...] = ("1.2", "2004")) -> list[Package]:
    """Package the book built in ``build_dir/html`` into ``out_dir`` (default ``build_dir/exports``)."""
    from ...site.build import root_page

    settings = lms_settings(course)
    out = out_dir or build_dir / "exports"
    return [build_package(course, build_dir / "html", out, settings, root_page(course), version)
            for version in versions]
