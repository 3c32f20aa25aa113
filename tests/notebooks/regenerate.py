"""Rebuild the regression notebooks in tests/notebooks/ from their sources and execute them.

Sources are jupytext "percent" scripts in ``tests/notebooks/src/<name>.py``; the executed notebooks
``tests/notebooks/<name>.ipynb`` are committed. ``tests/test_notebooks.py`` re-executes each committed
notebook with pytest-notebook and fails, with a readable diff, when any output changes (an answer, a
key, a feedback text, a claim). After an intended change to the quiz bank or the widgets:

    .venv/bin/python tests/notebooks/regenerate.py            # all notebooks
    .venv/bin/python tests/notebooks/regenerate.py answer-key # just one
    git diff tests/notebooks                                   # review what changed, then commit

This module also holds the settings the test uses, so regeneration and checking cannot drift apart.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
ROOT = HERE.parents[1]

#: The regression notebooks, in the order they are built.
NOTEBOOKS = ["answer-key", "coverage", "live-widget"]

#: Volatile parts of an executed notebook, ignored by path (never whole outputs).
DIFF_IGNORE = (
    "/cells/*/outputs/*/traceback",
    "/cells/*/outputs/*/data/application/vnd.jupyter.widget-view+json",
    "/cells/*/execution_count",
    "/cells/*/metadata/execution",
    "/metadata/language_info/version",
    "/metadata/widgets",
)

#: Keyword arguments for pytest_notebook's NBRegressionFixture, shared with tests/test_notebooks.py.
FIXTURE_SETTINGS = {
    "exec_cwd": str(ROOT),
    "exec_timeout": 120,
    "diff_ignore": DIFF_IGNORE,
    "diff_use_color": False,
    "post_processors": ("coalesce_streams",),
}

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def _quiet_import():
    """Import pytest-notebook without its harmless import-time UserWarnings."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Field \"pytest_notebook\..*", category=UserWarning)
        from pytest_notebook.nb_regression import NBRegressionFixture
    return NBRegressionFixture


def source_path(name: str) -> Path:
    return SRC / f"{name}.py"


def notebook_path(name: str) -> Path:
    return HERE / f"{name}.ipynb"


def build(name: str):
    """The unexecuted notebook for ``name``: cells from the jupytext source, stable ids and metadata."""
    import jupytext
    import nbformat

    nb = jupytext.read(source_path(name), fmt="py:percent")
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    for index, cell in enumerate(nb.cells):
        cell.id = f"{name}-{index}"
        cell.metadata = nbformat.from_dict({})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalise(nb):
    """Drop what changes on every run, so regenerating an unchanged notebook leaves git clean.

    The saved widget state (``metadata.widgets``) and widget model ids are random per run; the test
    ignores both paths (``DIFF_IGNORE``), so the committed notebook keeps neither.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = "widget-model-id"
    return nb


def regenerate(name: str) -> Path:
    """Build ``name`` from source, execute it the way the test does, and write the .ipynb."""
    import nbformat

    path = notebook_path(name)
    nbformat.write(build(name), path)
    fixture = _quiet_import()(**FIXTURE_SETTINGS)
    result = fixture.check(str(path), raise_errors=False)
    errors = [o for c in result.nb_final.cells for o in c.get("outputs", []) if o.output_type == "error"]
    if errors:
        path.unlink()
        raise SystemExit(f"{name}: execution failed: {errors[0].ename}: {errors[0].evalue}")
    nbformat.write(normalise(result.nb_final), path)
    return path


def main(argv: list[str]) -> int:
    names = argv or NOTEBOOKS
    unknown = [n for n in names if n not in NOTEBOOKS]
    if unknown:
        print(f"unknown notebook(s): {', '.join(unknown)}; choose from {', '.join(NOTEBOOKS)}")
        return 2
    for name in names:
        print(f"regenerated {regenerate(name).relative_to(ROOT)}")
    print("review with: git diff tests/notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
