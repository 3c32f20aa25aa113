"""A test learning platform on 127.0.0.1: scorm-again (npm) as the SCORM API, our package, a store.

``/harness/`` is the platform's page (``lms/harness.html``: reads ``imsmanifest.xml`` and launches the
SCO in a frame), ``/scorm-again/`` the runtime's files, ``/package/`` the unzipped package, and ``/lms/``
what the platform keeps: ``POST /lms/commit`` receives scorm-again's commits (flattened CMI) and stores
the last good one; ``GET /lms/state`` gives it back at the next launch. Commits can be made to fail.
"""

from __future__ import annotations

import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).parent / "lms"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
#: What a platform keeps between visits and gives back at launch (the elements a SCO may write, and
#: the entry/status/score it reports), like Moodle's per-element store.
KEPT = ("cmi.suspend_data", "cmi.core.lesson_location", "cmi.core.lesson_status", "cmi.core.score.raw",
        "cmi.core.score.min", "cmi.core.score.max", "cmi.location", "cmi.completion_status",
        "cmi.success_status", "cmi.score.raw", "cmi.score.min", "cmi.score.max", "cmi.score.scaled")


@dataclass
class Store:
    """The platform's side: every commit received, the data kept, and whether commits fail."""

    commits: list[dict[str, Any]] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)
    fail_commits: bool = False

    def last(self) -> dict[str, Any]:
        """The last commit received (accepted or not)."""
        return self.commits[-1] if self.commits else {}

    def relaunch_state(self) -> dict[str, str]:
        """What the platform gives the API at the next launch ("resume" after a suspended exit)."""
        state = {k: v for k, v in self.kept.items() if k in KEPT and v not in ("", None)}
        if self.kept.get("cmi.core.exit") == "suspend":
            state["cmi.core.entry"] = "resume"
        if self.kept.get("cmi.exit") == "suspend":
            state["cmi.entry"] = "resume"
        return state


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Quiet."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in (("/harness/", HARNESS), ("/scorm-again/", SCORM_AGAIN),
                               ("/package/", self.server.package)):
            if path.startswith(prefix):
                return str(folder / path[len(prefix):])
        return str(HARNESS / "missing")

    def _json(self, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.startswith("/lms/state"):
            self._json(self.server.store.relaunch_state())
        else:
            super().do_GET()

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        if not self.path.startswith("/lms/commit"):
            self.send_error(404)
            return
        data = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        store = self.server.store
        store.commits.append(data)
        if store.fail_commits:
            self._json({"result": False, "errorCode": 101})
            return
        store.kept.update({k: str(v) for k, v in data.items()})
        self._json({"result": True, "errorCode": 0})


class _Server(http.server.ThreadingHTTPServer):
    store: Store
    package: Path


@contextmanager
def serve_platform(package_dir: Path) -> Iterator[tuple[str, Store]]:
    """Serve the platform for the ``with`` block; yields its base URL and its store."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.store = Store()
    server.package = package_dir
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.store
    finally:
        server.shutdown()
        server.server_close()


def unzip(package: Path, dest: Path) -> Path:
    """The package unzipped into ``dest`` (as a platform does on upload)."""
    with zipfile.ZipFile(package) as zf:
        zf.extractall(dest)
    return dest
