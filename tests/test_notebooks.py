"""Notebooks: every chapter in the toc executes, and the regression notebooks still give the same output.

* Chapters: each ``book/*.md`` listed in ``_toc.yml`` is converted with jupytext into a temporary
  ``.ipynb`` and executed by pytest-notebook's ``NBRegressionFixture`` (outputs are ignored: only
  execution errors fail). A chapter with no code cells passes without starting a kernel.
* Regression notebooks (``tests/notebooks/*.ipynb``, built from ``tests/notebooks/src/*.py`` by
  ``tests/notebooks/regenerate.py``) are re-executed and diffed against their committed outputs. Only
  volatile fields are ignored, by path (see ``regenerate.DIFF_IGNORE``), so a changed answer, key,
  feedback or claim fails with a readable diff. After an intended change, run
  ``.venv/bin/python tests/notebooks/regenerate.py`` and review ``git diff tests/notebooks``.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import jupytext
import nbformat
import pytest
from course_under_test import COURSE, ROOT

from evidence_course.model.chapters import toc_docnames

with warnings.catch_warnings():
    # pytest-notebook's attrs introspection warns on import ("Field ... type could not be converted").
    warnings.filterwarnings("ignore", message=r"Field \"pytest_notebook\..*", category=UserWarning)
    from pytest_notebook.nb_regression import NBRegressionFixture

_spec = importlib.util.spec_from_file_location(
    "notebooks_regenerate", Path(__file__).parent / "notebooks" / "regenerate.py"
)
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

REGENERATE = ".venv/bin/python tests/notebooks/regenerate.py"
CHAPTERS = [name for name in toc_docnames(COURSE.toc_file) if (ROOT / f"{name}.md").exists()]

#: For chapters only the absence of errors matters: outputs and execution details are ignored.
CHAPTER_DIFF_IGNORE = (
    "/cells/*/outputs",
    "/cells/*/execution_count",
    "/cells/*/metadata/execution",
    "/metadata/language_info",
    "/metadata/widgets",
)


@pytest.mark.parametrize("docname", CHAPTERS)
def test_chapter_executes(docname: str, tmp_path: Path) -> None:
    notebook = jupytext.read(ROOT / f"{docname}.md")
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        return  # nothing to execute
    path = tmp_path / f"{Path(docname).name}.ipynb"
    nbformat.write(notebook, path)
    fixture = NBRegressionFixture(
        exec_cwd=str(COURSE.book_dir), exec_timeout=120, diff_ignore=CHAPTER_DIFF_IGNORE, diff_use_color=False
    )
    fixture.check(str(path))  # raises the cell's error (with its traceback) if a cell fails


@pytest.mark.parametrize("name", regenerate.NOTEBOOKS)
def test_regression_notebook_is_built_from_its_source(name: str) -> None:
    """The committed notebook's cells are exactly its source's: nobody edited one without the other."""
    path = regenerate.notebook_path(name)
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run {REGENERATE} {name}", pytrace=False)
    committed = nbformat.read(path, as_version=4)
    expected = regenerate.build(name)
    got = [(c.cell_type, c.source) for c in committed.cells]
    want = [(c.cell_type, c.source) for c in expected.cells]
    if got != want:
        pytest.fail(f"{path.relative_to(ROOT)} does not match tests/notebooks/src/{name}.py: run "
                    f"{REGENERATE} {name}", pytrace=False)


@pytest.mark.parametrize("name", regenerate.NOTEBOOKS)
def test_regression_notebook_output_unchanged(name: str) -> None:
    path = regenerate.notebook_path(name)
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run {REGENERATE} {name}", pytrace=False)
    fixture = NBRegressionFixture(**regenerate.FIXTURE_SETTINGS)
    fixture.check(str(path))  # NBRegressionError carries the diff: expected (committed) vs obtained
