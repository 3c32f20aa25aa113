"""Serve the built book on 127.0.0.1 for reading in a browser (``make serve``)."""

from __future__ import annotations

import argparse
import functools
import http.server
import socket

from .build import SITE


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str] | None = None) -> None:
    """Serve ``_build/html`` until Ctrl-C; the port is taken from ``--port`` or chosen if busy."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    port = server.server_address[1]
    print(f"Serving the book at http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.")


if __name__ == "__main__":
    main()
