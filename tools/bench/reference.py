"""The reference build of ``make bench``: the book as Jupyter Book gives it with ipywidgets embedding.

A second copy is built with the widget view preferred over the static quiz, myst-nb's default
``nb_ipywidgets_js`` (require.js from cdnjs, the html-manager's ``embed-amd.js`` from jsDelivr), and
the kernel no longer told to leave out widget state (Jupyter Book is run directly, without the
``EVIDENCE_COURSE_STATIC_BUILD`` flag that ``course build`` gives the kernels).

With no internet, the CDN files are answered from the same versions fetched with ``npm pack`` from the
npm registry (cached in ``<build>/bench-npm``). The one exception: npm's ``requirejs`` has no
``require.min.js``, so Voilà's vendored ``require.min.js`` (same 2.3.4 release) stands in, and the
``integrity`` attribute is dropped so the stand-in is executed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import yaml

from evidence_course.live.display import QUIZ_MIME, STATIC_BUILD_ENV

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NPM_URL = re.compile(r"^https?://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/]+/)?[^@/]+)@(?P<ver>[^/]+)/(?P<path>.+)$")
CDNJS_REQUIRE = re.compile(r"^https?://cdnjs\.cloudflare\.com/ajax/libs/require\.js/(?P<ver>[^/]+)/(?P<file>.+)$")


def default_widget_js() -> dict[str, dict[str, str]]:
    """myst-nb's default ``nb_ipywidgets_js`` (the CDN scripts a page with widget state loads)."""
    from myst_nb.core.config import ipywidgets_js_factory

    return ipywidgets_js_factory()


def make_reference_config(root: Path) -> dict[str, Any]:
    """Rewrite ``root/_config.yml`` for the reference build; returns the new config."""
    path = root / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    sphinx = config.setdefault("sphinx", {})
    settings = sphinx.setdefault("config", {})
    settings["nb_mime_priority_overrides"] = [["html", WIDGET_VIEW, 0], ["html", QUIZ_MIME, 50]]
    settings["nb_ipywidgets_js"] = {
        url: {k: v for k, v in attrs.items() if k != "integrity"}
        for url, attrs in default_widget_js().items()
    }
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def build_reference(root: Path, build_dir: Path) -> subprocess.CompletedProcess:
    """Build the reference copy with Jupyter Book directly (warnings allowed); HTML in ``html_dir``."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop(STATIC_BUILD_ENV, None)
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(root),
               "--path-output", str(build_dir / "staging")]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=1800,
                          check=False)


def html_dir(build_dir: Path) -> Path:
    """Where :func:`build_reference` leaves the HTML."""
    return build_dir / "staging" / "_build" / "html"


def cdn_packages() -> dict[str, str]:
    """npm package → version for every jsDelivr/cdnjs URL in myst-nb's defaults."""
    packages = {}
    for url in default_widget_js():
        if match := NPM_URL.match(url):
            packages[match["pkg"]] = match["ver"]
        elif match := CDNJS_REQUIRE.match(url):
            packages["requirejs"] = match["ver"]
    return packages


def fetch_npm(packages: dict[str, str], cache: Path) -> dict[str, Path]:
    """``npm pack`` each package@version into ``cache`` (once) and unpack it; returns package → folder."""
    cache.mkdir(parents=True, exist_ok=True)
    folders = {}
    for name, version in packages.items():
        folder = cache / f"{name.replace('/', '+')}@{version}"
        if not (folder / "package" / "package.json").exists():
            done = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--silent"], cwd=cache,
                                  capture_output=True, text=True, timeout=300, check=False)
            tarballs = sorted(cache.glob(f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"))
            if done.returncode != 0 or not tarballs:
                continue
            folder.mkdir(exist_ok=True)
            with tarfile.open(tarballs[0]) as archive:
                archive.extractall(folder, filter="data")
        folders[name] = folder / "package"
    return folders


def voila_require() -> Path | None:
    """Voilà's vendored ``require.min.js`` (RequireJS 2.3.4 minified), if installed."""
    path = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "base" / "static"
    path = path / "require.min.js"
    return path if path.is_file() else None


def make_resolver(folders: dict[str, Path]) -> Any:
    """A :data:`~evidence_course.bench_browser.Resolver` answering CDN URLs from the npm packages."""
    def resolve(url: str) -> Path | None:
        url = url.split("?", 1)[0].split("#", 1)[0]
        if (match := NPM_URL.match(url)) and match["pkg"] in folders:
            return folders[match["pkg"]] / match["path"]
        if match := CDNJS_REQUIRE.match(url):
            if match["file"] == "require.min.js" and (stand_in := voila_require()):
                return stand_in
            if "requirejs" in folders:
                return folders["requirejs"] / "require.js"
        return None
    return resolve
