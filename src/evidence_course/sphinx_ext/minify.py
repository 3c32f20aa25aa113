"""Ship the extension's static files minified: readable sources in ``static/``, small files in the book.

When an HTML builder starts, every ``.js`` and ``.css`` file in ``static/`` (whoever added it) is
minified with rjsmin / rcssmin into a folder inside the build's doctree directory, and that folder,
not ``static/``, is added to ``html_static_path``. Sphinx then copies the minified files to ``_static/``
under their own names like any static file, so ``app.add_js_file("quiz.js")`` needs no change and no
rendered page is edited. Other files in ``static/`` are copied unchanged.

Sphinx copies static files only when it writes at least one page; so that an edit to a static file
alone still reaches the book, ``build-finished`` copies any minified file whose ``_static/`` copy
differs (the same bytes Sphinx would copy, so Sphinx never sees a conflicting file).
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import rcssmin
import rjsmin
from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
#: Folder (inside the doctree directory, private to one build) that holds the minified copies.
MINIFIED_DIR = "evidence-course-static"


def minify(name: str, text: str) -> str:
    """``text`` of file ``name`` minified by its suffix (.js, .css); other text unchanged."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=False)
    if name.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=False)
    return text


def gzip_size(data: bytes) -> int:
    """Bytes of ``data`` gzipped at level 9 (what a server sending it compressed would send)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def write_minified(source: Path, target: Path) -> list[Path]:
    """Minify every file of ``source`` into ``target`` (files whose content is unchanged are left alone,
    so their dates do not change); returns the files written or kept."""
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith(".")):
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".js", ".css"):
            data = minify(path.name, path.read_text(encoding="utf-8")).encode("utf-8")
            if not out.exists() or out.read_bytes() != data:
                out.write_bytes(data)
        elif not out.exists() or out.read_bytes() != path.read_bytes():
            shutil.copyfile(path, out)
        done.append(out)
    for stale in [p for p in target.rglob("*") if p.is_file()]:
        if not (source / stale.relative_to(target)).exists():
            stale.unlink()
    return done


def _publish_minified(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.doctreedir) / MINIFIED_DIR
    write_minified(STATIC_DIR, target)
    app.config.html_static_path.append(str(target))


def _top_up(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.doctreedir) / MINIFIED_DIR
    static = Path(app.outdir) / "_static"
    for path in (p for p in source.rglob("*") if p.is_file()):
        out = static / path.relative_to(source)
        if not out.exists() or out.read_bytes() != path.read_bytes():
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)


def setup(app: Sphinx) -> None:
    """Minify the static files when an HTML builder starts and serve them from the minified folder."""
    app.connect("builder-inited", _publish_minified)
    app.connect("build-finished", _top_up)
