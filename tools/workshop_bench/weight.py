"""What a participant's browser downloads for the live quiz: Voilà's defaults against the course's config.

Loads ``workshop/live-quiz.ipynb`` in headless Chromium (Debian's, as the tests do) until the first
question is drawn, then counts requests, bytes on the wire (after gzip) and bytes once decoded.
Requests to other hosts are aborted and counted (Voilà's stock template asks a CDN for Font Awesome).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from evidence_course.live.voila import PARTICIPANT, start_voila, stop_voila, voila_env, wait_until_serving
from evidence_course.model.course import Course
from evidence_course.netutil import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@dataclass
class Weight:
    setup: str
    requests: int
    wire_bytes: int
    decoded_bytes: int
    other_hosts: int
    first_question_s: float


def measure(url: str, setup: str) -> Weight:
    """One cold load of ``url`` (fresh browser context, empty cache) up to the first question."""
    from playwright.sync_api import sync_playwright

    wire: dict[str, int] = {}
    decoded: dict[str, int] = {}
    other: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context()

            def route(route):  # noqa: ANN001 - Playwright's Route
                if urlsplit(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    other.append(route.request.url)
                    route.abort()

            def finished(request):  # noqa: ANN001 - Playwright's Request
                sizes = request.sizes()
                wire[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                response = request.response()
                try:
                    decoded[request.url] = len(response.body()) if response else 0
                except Exception:  # a streamed or aborted body
                    decoded[request.url] = 0

            context.route("**/*", route)
            page = context.new_page()
            page.on("requestfinished", finished)
            began = time.monotonic()
            page.goto(url, wait_until="load", timeout=300_000)
            page.locator(".widget-radio-box").first.wait_for(timeout=300_000)
            first = time.monotonic() - began
            page.wait_for_timeout(3000)  # late, lazily loaded chunks
            context.close()
        finally:
            browser.close()
    return Weight(setup, len(wire), sum(wire.values()), sum(decoded.values()), len(other), first)


def voila_defaults(course: Course) -> tuple[subprocess.Popen, str, tempfile.TemporaryDirectory]:
    """Stock Voilà on the quiz: its ``lab`` template, every installed extension, no config file, no gzip."""
    empty = tempfile.TemporaryDirectory(prefix="voila-defaults-")
    port = free_port()
    workshop = course.workshop_dir
    command = [sys.executable, "-m", "voila", str(workshop / PARTICIPANT), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--Voila.config_file_paths={empty.name}"]
    process = subprocess.Popen(command, cwd=workshop, env=voila_env(workshop), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    return process, f"http://127.0.0.1:{port}/", empty


def compare_page_weight(course: Course) -> str:
    """Both setups measured once each, as a small table."""
    rows = []
    process, url, empty = voila_defaults(course)
    try:
        wait_until_serving(process, url + "voila/static/voila.js", seconds=120)
        rows.append(measure(url, "Voilà defaults (lab template, all extensions)"))
    finally:
        stop_voila(process, timeout=30)
        empty.cleanup()
    process, url = start_voila(course, None, PARTICIPANT, tracebacks=False, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(process, url + "voila/static/voila.js", seconds=120)
        rows.append(measure(url, "course config (workshop/voila.json, offline)"))
    finally:
        stop_voila(process, timeout=30)
    header = ["participant page", "requests", "on the wire", "decoded", "other hosts", "first question"]
    body = [[w.setup, str(w.requests), f"{w.wire_bytes / 1e6:.2f} MB", f"{w.decoded_bytes / 1e6:.2f} MB",
             str(w.other_hosts), f"{w.first_question_s:.1f} s"] for w in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in lines)


if __name__ == "__main__":
    print(compare_page_weight(Course.find(Path.cwd())))
