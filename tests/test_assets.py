"""What the book ships from ``sphinx_ext/static``: every .js/.css minified, and the quiz runtime's budget.

Budget (issue #13, on what readers download): quiz.js + quiz.css at most 15 KB minified and 5 KB gzip.
Checked on the built book (``make book``), so a file that skipped the minifier is caught too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from course_under_test import BUILD_DIR

from evidence_course.sphinx_ext.minify import STATIC_DIR, gzip_size, minify, write_minified

BUILT_STATIC = BUILD_DIR / "html" / "_static"
RUNTIME = ("quiz.js", "quiz.css")
MINIFIED_BUDGET = 15_000
GZIP_BUDGET = 5_000


def runtime_sizes(folder: Path) -> tuple[int, int]:
    """(bytes, gzip bytes) of quiz.js + quiz.css in ``folder``."""
    data = [(folder / name).read_bytes() for name in RUNTIME]
    return sum(len(d) for d in data), sum(gzip_size(d) for d in data)


def check_budget(folder: Path) -> list[str]:
    raw, gz = runtime_sizes(folder)
    problems = []
    if raw > MINIFIED_BUDGET:
        problems.append(f"quiz.js + quiz.css are {raw:,} B minified (budget {MINIFIED_BUDGET:,} B)")
    if gz > GZIP_BUDGET:
        problems.append(f"quiz.js + quiz.css are {gz:,} B gzipped (budget {GZIP_BUDGET:,} B)")
    return problems


@pytest.fixture(scope="module")
def built_static() -> Path:
    if not (BUILT_STATIC / "quiz.js").exists():
        pytest.fail(f"no built book at {BUILD_DIR / 'html'}: run `make book` first")
    return BUILT_STATIC


def test_every_static_js_and_css_ships_minified(built_static: Path) -> None:
    sources = sorted(p for p in STATIC_DIR.iterdir() if p.suffix in (".js", ".css"))
    assert {p.name for p in sources} >= set(RUNTIME)
    for source in sources:
        shipped = (built_static / source.name).read_text(encoding="utf-8")
        assert shipped == minify(source.name, source.read_text(encoding="utf-8")), (
            f"_static/{source.name} is not the minified {source}: was the book built before the change?")
        assert len(shipped) < len(source.read_text(encoding="utf-8")), source.name


def test_shipped_quiz_runtime_is_within_budget(built_static: Path) -> None:
    assert not check_budget(built_static), "\n".join(check_budget(built_static))


def test_budget_check_fails_on_an_unminified_runtime(tmp_path: Path) -> None:
    """The readable sources themselves are over budget: shipping them unminified would be caught."""
    for name in RUNTIME:
        (tmp_path / name).write_bytes((STATIC_DIR / name).read_bytes())
    assert check_budget(tmp_path)


def test_write_minified_takes_every_file_another_helper_adds(tmp_path: Path) -> None:
    source, target = tmp_path / "static", tmp_path / "out"
    source.mkdir()
    (source / "tools.js").write_text("// a comment\nconst answer = 1 + 2;\n", encoding="utf-8")
    (source / "tools.css").write_text("/* c */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    (source / "icon.svg").write_text("<svg/>", encoding="utf-8")
    (target / "old.js").parent.mkdir()
    (target / "old.js").write_text("stale", encoding="utf-8")
    write_minified(source, target)
    assert (target / "tools.js").read_text() == "const answer=1+2;"
    assert (target / "tools.css").read_text() == ".a{color:red}"
    assert (target / "icon.svg").read_text() == "<svg/>"
    assert not (target / "old.js").exists(), "a file removed from static/ must not be shipped"
    before = (target / "tools.js").stat().st_mtime_ns
    write_minified(source, target)
    assert (target / "tools.js").stat().st_mtime_ns == before, "unchanged files are not rewritten"
