"""``course watch`` (``make watch``): serve the book on 127.0.0.1 and rebuild the pages an edit touches.

For authors. sphinx-autobuild runs Sphinx itself (no Jupyter Book command), so it needs a ``conf.py``:
this module writes one into ``<build dir>/watch/`` from Jupyter Book's own translation of
``_config.yml`` (:func:`jupyter_book.config.get_final_config`, what ``jupyter-book config sphinx``
prints), with the few settings that Sphinx reads relative to the ``conf.py`` folder made absolute.
It is regenerated on every start, so ``_config.yml`` stays the one place to edit. Notebooks are
executed with the same static-build flag and the same execution cache as ``course build``, so after a
``make book`` nothing is re-executed. Warnings are shown, never fatal: ``make book`` is the strict,
publishing build.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..live.display import STATIC_BUILD_ENV
from .build import BuildPaths

#: Settings Sphinx resolves against the folder of ``conf.py`` (here not the course root).
CONFDIR_RELATIVE = ("templates_path", "html_static_path", "html_extra_path", "html_logo", "html_favicon",
                    "locale_dirs")
#: Folders of a course whose changes never need a rebuild.
IGNORED = (".git", ".venv", "venv", "node_modules", "tests", "tools", "scripts", "workshop", "__pycache__",
           ".pytest_cache", ".ruff_cache", ".mypy_cache", ".ipynb_checkpoints", "_build")


def sphinx_config(paths: BuildPaths) -> dict[str, Any]:
    """The Sphinx settings Jupyter Book would build the course with, usable from another folder."""
    from jupyter_book.config import get_final_config

    course = paths.course
    config, _ = get_final_config(
        user_yaml=course.config_file, sourcedir=course.root,
        cli_config={"external_toc_path": str(course.toc_file), "latex_individualpages": False,
                    "nb_execution_cache_path": str(paths.staging / "_build" / ".jupyter_cache")},
    )
    for key in CONFDIR_RELATIVE:
        value = config.get(key)
        if isinstance(value, str) and value and "://" not in value:
            config[key] = str(course.root / value)
        elif isinstance(value, list):
            config[key] = [str(course.root / v) for v in value]
    return dict(config)


def write_conf(folder: Path, config: dict[str, Any]) -> Path:
    """Write ``config`` as ``folder/conf.py`` (one ``name = repr(value)`` line a setting)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# Written by `course watch` from _config.yml on every start: edit _config.yml, not this."]
    lines += [f"{key} = {config[key]!r}" for key in sorted(config)]
    path = folder / "conf.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def autobuild_command(paths: BuildPaths, port: int) -> list[str]:
    """sphinx-autobuild of the course into ``<build dir>/watch/html`` on 127.0.0.1:``port``."""
    watch = paths.build_dir / "watch"
    root = paths.course.root
    ignored = re.escape(str(root)) + r"[/\\](" + "|".join(re.escape(name) for name in IGNORED) + r")([/\\]|$)"
    return [sys.executable, "-m", "sphinx_autobuild", str(root), str(watch / "html"),
            "--conf-dir", str(watch), "--doctree-dir", str(watch / ".doctrees"),
            "--host", "127.0.0.1", "--port", str(port),
            "--ignore", str(paths.build_dir), "--re-ignore", ignored, "--keep-going"]


def watch(paths: BuildPaths, port: int) -> int:
    """Serve and rebuild until Ctrl-C; returns sphinx-autobuild's exit code (0 after Ctrl-C)."""
    write_conf(paths.build_dir / "watch", sphinx_config(paths))
    env = {**os.environ, STATIC_BUILD_ENV: "1"}
    print(f"Watching {paths.course.root}: the book is served at http://127.0.0.1:{port or '<free port>'}/ "
          "and rebuilt on save (Ctrl-C stops). Publish with `make book`.", flush=True)
    server = subprocess.Popen(autobuild_command(paths, port), env=env)
    try:
        return server.wait()
    except KeyboardInterrupt:  # the terminal sent Ctrl-C to sphinx-autobuild too: give it time to stop
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        return 0
