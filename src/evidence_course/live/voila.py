"""Serve the workshop notebooks with Voilà, offline, and stop it cleanly.

Every Voilà this module starts reads the course's one configuration, ``workshop/voila.json`` (the
``offline`` template, a generous ``iopub_timeout``, idle-kernel culling, only the widget extensions,
gzip; the README explains each value and how a JupyterHub uses the same file). The kernels start in
``workshop/``, where :meth:`Course.find` finds the course.

- ``course workshop`` (``make workshop``): the presenter, ``presenter.ipynb``, on 127.0.0.1 only.
- ``course workshop --room`` (``make workshop ROOM=1 PEOPLE=12``): the same presenter, plus a second
  Voilà that serves only ``live-quiz.ipynb`` to participants' own devices. It listens on this
  computer's local-network address (never 0.0.0.0), asks for a random token in the URL, keeps a pool of
  preheated kernels sized to the room and keeps Voilà's refusal of code sent from the browser. The
  presenter shows the participants' address as a QR code (:data:`ROOM_URL_ENV`).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.course import Course
from ..netutil import free_port, lan_address

LOOPBACK = "127.0.0.1"
#: Voilà template (under ``workshop/voila/templates/``) that loads nothing from a CDN.
TEMPLATE = "offline"
#: The course's Voilà configuration, in ``workshop/``.
CONFIG_FILE = "voila.json"
PRESENTER = "presenter.ipynb"
PARTICIPANT = "live-quiz.ipynb"
#: Set in the presenter's kernels in room mode: the participants' URL (with its token) for the QR code.
ROOM_URL_ENV = "EVIDENCE_COURSE_ROOM_URL"
#: Default room size (``PEOPLE``): the preheated kernels kept ready for participants.
DEFAULT_PEOPLE = 12


def voila_command(port: int, notebook: Path, *, host: str = LOOPBACK, token: str | None = None,
                  pool: int = 0, tracebacks: bool = True, config_dirs: Sequence[Path] = ()) -> list[str]:
    """The Voilà command line: ``notebook`` only, on ``host:port``, with ``workshop/voila.json``.

    ``config_dirs`` hold more ``voila.json``/``voila.py`` files that override ``workshop/voila.json``;
    ``pool`` > 0 preheats that many kernels; ``token`` makes every request carry ``?token=``.
    Voilà may not move to another port (``port_retries=0``): the printed URL is the one that works.
    """
    command = [sys.executable, "-m", "evidence_course.live.voila_server", str(notebook), "--no-browser",
               f"--port={port}", f"--Voila.ip={host}", "--Voila.port_retries=0",
               f"--VoilaConfiguration.show_tracebacks={tracebacks}"]
    # traitlets reads these in descending priority: the first folder's voila.json/voila.py wins.
    command += [f"--Voila.config_file_paths={folder}" for folder in (*config_dirs, notebook.parent)]
    if token:
        command.append(f"--Voila.token={token}")
    if pool > 0:
        command += ["--VoilaConfiguration.preheat_kernel=True",
                    f"--VoilaConfiguration.default_pool_size={pool}"]
    return command


def voila_env(workshop_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for Voilà: ``workshop/`` on ``JUPYTER_PATH`` so the offline template is found."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(workshop_dir), env.get("JUPYTER_PATH", "")) if p)
    env.pop(ROOM_URL_ENV, None)
    env.update(extra or {})
    return env


def page_url(host: str, port: int, token: str | None = None) -> str:
    """The address to open: ``http://host:port/`` and, when there is one, ``?token=``."""
    return f"http://{host}:{port}/" + (f"?token={token}" if token else "")


def start_voila(course: Course, port: int | None = None, notebook: str = PRESENTER, *,
                host: str = LOOPBACK, token: str | None = None, pool: int = 0, tracebacks: bool = True,
                config_dirs: Sequence[Path] = (), env: Mapping[str, str] | None = None,
                **popen: Any) -> tuple[subprocess.Popen, str]:
    """Start Voilà on ``workshop/<notebook>`` in the background; returns the process and its URL."""
    port = port or free_port()
    workshop = course.workshop_dir
    command = voila_command(port, workshop / notebook, host=host, token=token, pool=pool,
                            tracebacks=tracebacks, config_dirs=config_dirs)
    # Its own session: Ctrl-C in the terminal reaches only the caller, which then stops Voilà once
    # (a second SIGINT would interrupt Voilà while it shuts its kernels down).
    popen.setdefault("start_new_session", True)
    process = subprocess.Popen(command, cwd=workshop, env=voila_env(workshop, env), **popen)
    return process, page_url(host, port, token)


def wait_until_serving(process: subprocess.Popen, url: str, seconds: float = 60) -> str:
    """Poll ``url`` until Voilà answers; returns the page. Raises if Voilà exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=max(5.0, deadline - time.monotonic())) as response:  # noqa: S310
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Voilà did not answer at {url} within {seconds:.0f} s")


def stop_voila(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop Voilà as Ctrl-C would (its kernels shut down cleanly); kill it if it does not stop in time."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Room:
    """Room mode's two servers: the presenter (loopback) and the participants' quiz (local network)."""

    presenter: subprocess.Popen
    presenter_url: str
    participants: subprocess.Popen
    participants_url: str
    people: int

    def stop(self) -> None:
        """Stop both servers (participants first, so nobody is left on a half-stopped room)."""
        stop_voila(self.participants, timeout=20)
        stop_voila(self.presenter, timeout=20)


def start_room(course: Course, port: int | None = None, *, people: int = DEFAULT_PEOPLE,
               host: str | None = None, room_port: int | None = None, **popen: Any) -> Room:
    """Start the presenter on 127.0.0.1 and the participants' quiz on ``host`` (default: the LAN address).

    The participants' URL carries a fresh random token; the presenter's kernels get it in
    :data:`ROOM_URL_ENV` to show it as a QR code.
    """
    host = host or lan_address()
    if not host:
        raise RuntimeError("no local-network address found on this computer (is Wi-Fi connected?); "
                           "join the room's network, or name the address to use: ROOM_HOST=192.168.1.20")
    token = secrets.token_urlsafe(18)
    participants, participants_url = start_voila(course, room_port, PARTICIPANT, host=host, token=token,
                                                 pool=max(people, 1), tracebacks=False, **popen)
    try:
        presenter, presenter_url = start_voila(course, port, PRESENTER,
                                               env={ROOM_URL_ENV: participants_url}, **popen)
    except BaseException:
        stop_voila(participants)
        raise
    return Room(presenter, presenter_url, participants, participants_url, people)


def _interrupt_on_sigterm() -> None:
    """Let SIGTERM (``kill``, ``timeout``, a closing terminal) stop the workshop as Ctrl-C does.

    Without it Python dies at once and the Voilà processes it started, with their kernels, live on.
    """

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


def serve(course: Course, port: int | None = None, *, room: bool = False, people: int = DEFAULT_PEOPLE,
          host: str | None = None, room_port: int | None = None) -> int:
    """Run the workshop until Ctrl-C (or SIGTERM), then stop Voilà and its kernels cleanly."""
    _interrupt_on_sigterm()
    if not room:
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
    started = start_room(course, port, people=people, host=host, room_port=room_port)
    print(f"\nWorkshop presenter (this computer only): {started.presenter_url}\n"
          f"Participants (same network; the presenter shows this as a QR code):\n\n"
          f"    {started.participants_url}\n\n"
          f"Warming up {started.people} quiz kernels for the room (about {started.people * 2} s). "
          "Anyone without the token is refused. Press Ctrl-C to stop.\n", flush=True)
    try:
        while started.presenter.poll() is None and started.participants.poll() is None:
            time.sleep(0.5)
        print("A workshop server stopped on its own; stopping the other.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the workshop ...", flush=True)
        return 0
    finally:
        started.stop()
        print("Stopped.")
