"""One course on disk: where its files are, and its data loaded once and checked against each other.

A course is a folder holding ``_config.yml`` and ``_toc.yml`` (Jupyter Book), ``book/`` (chapters),
``evidence/`` (the source and its claims), ``quizzes/`` (the quiz bank), ``facilitation/`` (the
facilitator kit) and ``practice/`` (the practice tools). Nothing here is computed from where the package
is installed: the root comes from Sphinx (``app.srcdir``), from a command's ``--root``, or is found by
walking up from the current folder (:meth:`Course.find`, what a notebook kernel does).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CourseDataError

if TYPE_CHECKING:
    from .bank import Quiz
    from .chapters import Chapter, Section
    from .evidence import Claim
    from .kit import Kit
    from .practice import Tool

#: Files whose presence marks a folder as a course root.
MARKERS = ("_config.yml", "evidence/claims.yml")


@dataclass(frozen=True)
class Course:
    """The course rooted at ``root``; use :meth:`at` (one instance per root) or :meth:`find`."""

    root: Path

    @staticmethod
    @cache
    def at(root: Path | str) -> Course:
        """The course at ``root`` (the same instance for the same folder, so loaded claims are shared)."""
        return Course(Path(root).resolve())

    @staticmethod
    def find(start: Path | str | None = None) -> Course:
        """The course whose root is ``start`` (default: the current folder) or one of its parents."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if all((folder / marker).is_file() for marker in MARKERS):
                return Course.at(folder)
        raise CourseDataError(here, None, "not inside a course folder (no _config.yml with "
                              "evidence/claims.yml here or above)",
                              fix="run from the course folder or pass its path explicitly (--root)")

    # -- where things are ---------------------------------------------------------------------------
    @property
    def config_file(self) -> Path:
        """Jupyter Book's ``_config.yml``."""
        return self.root / "_config.yml"

    @property
    def toc_file(self) -> Path:
        """Jupyter Book's ``_toc.yml``."""
        return self.root / "_toc.yml"

    @property
    def book_dir(self) -> Path:
        """The chapters."""
        return self.root / "book"

    @property
    def source_file(self) -> Path:
        """The HMPPS summary, verbatim."""
        return self.root / "evidence" / "source.md"

    @property
    def claims_file(self) -> Path:
        """The claims, each an exact quote of the source."""
        return self.root / "evidence" / "claims.yml"

    @property
    def quiz_dir(self) -> Path:
        """The quiz bank, one YAML file per quiz."""
        return self.root / "quizzes"

    @property
    def facilitation_dir(self) -> Path:
        """The facilitator kit's data."""
        return self.root / "facilitation"

    @property
    def practice_dir(self) -> Path:
        """The practice tools (course guidance), one YAML file per tool."""
        return self.root / "practice"

    @property
    def workshop_dir(self) -> Path:
        """The workshop notebooks and Voilà template."""
        return self.root / "workshop"

    def quiz_file(self, quiz_id: str) -> Path:
        """The file that holds quiz ``quiz_id``."""
        return self.quiz_dir / f"{quiz_id}.yml"

    # -- the data -----------------------------------------------------------------------------------
    @cached_property
    def claims(self) -> dict[str, Claim]:
        """The claims by id, loaded once (each quote checked against the source)."""
        from .evidence import load_claims

        return load_claims(self.claims_file, self.source_file)

    def chapters(self) -> dict[str, Chapter]:
        """Every chapter in the table of contents, parsed, by docname (read afresh on each call)."""
        from .chapters import book_chapters, myst_extensions

        return book_chapters(self.root, self.toc_file, myst_extensions(self.config_file))

    def section_labels(self) -> dict[str, Section]:
        """Every labelled section of the book, by label."""
        return {label: s for ch in self.chapters().values() for label, s in ch.sections.items()}

    def bank(self, *, check_sections: bool = True) -> dict[str, Quiz]:
        """The quiz bank, checked against the claims and (unless told not to) the chapters' labels."""
        from .bank import load_bank

        labels = self.section_labels().keys() if check_sections else None
        return load_bank(self.quiz_dir, claim_ids=self.claims.keys(), section_labels=labels)

    def practice_tools(self) -> dict[str, Tool]:
        """The practice tools by id, each checked against the claims (read afresh on each call)."""
        from .practice import load_tools

        return load_tools(self.practice_dir, self.claims.keys())

    def kit(self) -> Kit:
        """The facilitator kit, checked against the chapters, the quiz bank and the claims."""
        from .kit import load_kit

        return load_kit(self)
