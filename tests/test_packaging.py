"""The package works when installed from a wheel (not editable), from any folder, on any course.

A full ``pip install .`` into an empty venv resolves and installs ~150 distributions: 5.5 minutes
measured on this 2-core machine, too slow for every ``make test``. So the suite installs the
*wheel* with ``--no-deps`` into a fresh venv whose only view of the dependencies is a ``.pth`` line
naming the test venv's site-packages (installed from requirements.txt's pins). A path line in a
``.pth`` file adds that folder to ``sys.path`` without running the ``.pth`` files inside it, so the
test venv's editable install of this checkout stays invisible: ``evidence_course`` is the wheel's.
(``python -m venv --system-site-packages`` would not do: from a venv it exposes the base Python's
packages, not the venv's.) What the full install would have to resolve is checked separately: every
dependency pyproject.toml declares is satisfied by the pinned environment, and every third-party
module the package imports is declared.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from course_under_test import BUILD_DIR, ROOT, copy_of_course
from packaging.requirements import Requirement

SRC = ROOT / "src" / "evidence_course"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def run(*command: str | Path, cwd: Path | None = None, timeout: int = 600) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                            timeout=timeout, check=False)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def declared() -> dict[str, Requirement]:
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    return {importlib.metadata.distribution(r.name).metadata["Name"].lower(): r for r in reqs}


def imported_modules() -> set[str]:
    """Top-level modules that the package's code imports (absolute imports only)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"evidence_course", "__future__"}


def test_every_imported_distribution_is_declared() -> None:
    owners = importlib.metadata.packages_distributions()
    names = set(declared())
    missing = {module: owners.get(module) for module in imported_modules()
               if not any(dist.lower() in names for dist in owners.get(module, []))}
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"


def test_declared_dependencies_are_met_by_the_pinned_environment() -> None:
    """The venv is installed from requirements.txt: each declared range must hold the pinned version."""
    unmet = {}
    for name, requirement in declared().items():
        version = importlib.metadata.version(name)
        if not requirement.specifier.contains(version, prereleases=True):
            unmet[name] = f"{version} not in {requirement.specifier}"
    assert not unmet, f"pyproject.toml's ranges exclude the pinned versions: {unmet}"


def git_files_of_package() -> set[str]:
    out = run("git", "ls-files", "src/evidence_course", cwd=ROOT)
    return {line.removeprefix("src/") for line in out.splitlines() if line}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel of this checkout (dependencies seen through a .pth line)."""
    tmp = tmp_path_factory.mktemp("packaging")
    source = tmp / "source"  # setuptools writes build/ beside pyproject.toml: not in this checkout
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source)
    [wheel] = wheels.glob("evidence_course-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(f for f in git_files_of_package() if f not in shipped and "__pycache__" not in f)
    assert not missing, f"files of the package left out of the wheel: {missing}"
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    (site / "pinned-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    return venv


def test_the_installed_package_is_the_wheel_not_this_checkout(installed: Path) -> None:
    probe = ("import json, importlib.metadata as md, evidence_course, evidence_course.sphinx_ext.quiz as q\n"
             "eps = md.entry_points(group='myst_nb.mime_renderers')\n"
             "print(json.dumps([evidence_course.__file__, q.__file__, [ep.value for ep in eps]]))")
    package, quiz, renderers = json.loads(run(installed / "bin" / "python", "-c", probe))
    assert Path(package).is_relative_to(installed) and Path(quiz).is_relative_to(installed)
    assert renderers.count("evidence_course.sphinx_ext.quiz:QuizMimeRenderer") == 1


def test_the_installed_course_command_builds_a_copy_of_the_book(installed: Path, tmp_path: Path) -> None:
    copy = copy_of_course(tmp_path / "course").root
    out = tmp_path / "out"
    cache = BUILD_DIR / "staging" / "_build" / ".jupyter_cache"
    if cache.is_dir():  # executed notebooks are matched by content: reuse make book's, skip the kernels
        shutil.copytree(cache, out / "staging" / "_build" / ".jupyter_cache")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run(installed / "bin" / "course", "--root", copy, "--build-dir", out, "build", "--quiet", cwd=elsewhere,
        timeout=900)
    site = out / "html"
    assert (site / "index.html").is_file() and (site / "_static" / "quiz.js").is_file()
    page = BeautifulSoup((site / "book" / "what-works.html").read_text(encoding="utf-8"), "html.parser")
    quiz = page.select_one("section.ec-quiz[data-quiz=what-works]")
    assert quiz is not None and quiz.select("form.ec-q")
    assert not list(copy.glob("_build")), "the build wrote into the course copy"
