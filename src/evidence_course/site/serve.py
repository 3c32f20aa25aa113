"""Serve a folder (the built book) on 127.0.0.1 for reading in a browser (``course serve``)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Say nothing per request."""


def make_server(folder: Path, port: int = 0, *, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A threaded static server for ``folder`` on 127.0.0.1 (``port`` 0 or busy: a free port)."""
    handler_class = QuietHandler if quiet else http.server.SimpleHTTPRequestHandler
    handler = functools.partial(handler_class, directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` quietly in a background thread for the ``with`` block; yields the base URL."""
    server = make_server(folder, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(folder: Path, port: int) -> None:
    """Serve ``folder`` until Ctrl-C, printing the address."""
    server = make_server(folder, port)
    print(f"Serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.")
