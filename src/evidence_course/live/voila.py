"""Serve the workshop notebooks with Voilà, offline, on this computer, and stop it cleanly.

``course workshop`` (``make workshop``) starts Voilà 0.5.13 on 127.0.0.1 (``PORT`` or a free port) with
the ``offline`` template in ``workshop/voila/templates/``: Voilà's ``lab`` template minus its two Font
Awesome stylesheet links to a CDN (Voilà's own bundle already carries the icon font). Ctrl-C stops it.
The kernels start in ``workshop/``, where :meth:`Course.find` finds the course.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from ..model.course import Course
from ..netutil import free_port

#: Voilà template (under ``workshop/voila/templates/``) that loads nothing from a CDN.
TEMPLATE = "offline"
PRESENTER = "presenter.ipynb"


def voila_command(port: int, notebook: Path) -> list[str]:
    """The Voilà command line of the workshop (loopback only, offline template, no browser)."""
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", f"--template={TEMPLATE}", "--theme=light",
            "--VoilaConfiguration.show_tracebacks=True"]


def voila_env(workshop_dir: Path) -> dict[str, str]:
    """Environment for Voilà: ``workshop/`` on ``JUPYTER_PATH`` so the offline template is found."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(workshop_dir), env.get("JUPYTER_PATH", "")) if p)
    return env


def start_voila(course: Course, port: int | None = None, notebook: str = PRESENTER,
                **popen: Any) -> tuple[subprocess.Popen, str]:
    """Start Voilà on ``workshop/<notebook>`` in the background; returns the process and the URL."""
    port = port or free_port()
    workshop = course.workshop_dir
    process = subprocess.Popen(voila_command(port, workshop / notebook), cwd=workshop,
                               env=voila_env(workshop), **popen)
    return process, f"http://127.0.0.1:{port}/"


def wait_until_serving(process: subprocess.Popen, url: str, seconds: float = 60) -> str:
    """Poll ``url`` until Voilà answers; returns the page. Raises if Voilà exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Voilà did not answer at {url} within {seconds:.0f} s")


def stop_voila(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop Voilà as Ctrl-C would (its kernels shut down cleanly); kill it if it does not stop in time."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(course: Course, port: int | None = None) -> int:
    """Run the workshop until Ctrl-C, then stop Voilà and its kernels cleanly."""
    process, url = start_voila(course, port)
    print(f"\nWorkshop presenter: open {url} in a browser on this computer. Press Ctrl-C to stop.\n",
          flush=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        print("\nStopping the workshop presenter ...", flush=True)
        stop_voila(process)
        print("Stopped.")
        return 0
