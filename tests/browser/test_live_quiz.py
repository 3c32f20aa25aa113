"""The live workshop quiz as a participant meets it: Voilà on loopback, answered in Chromium.

The feedback comes from the kernel (Python grading through the ipywidgets quiz), not from quiz.js,
so this is the one test that proves the live path end to end in a real browser.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import IO
from urllib.parse import urlsplit

import psutil
import pytest
from bookbrowser import AXE_JS, DESKTOP, Events, open_context
from course_under_test import BUILD_DIR, COURSE, ROOT
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

from evidence_course.live.voila import start_voila, stop_voila, wait_until_serving
from evidence_course.netutil import lan_address
from evidence_course.render import markup

NOTEBOOK = "live-quiz.ipynb"
QUIZ = "final-assessment"  # the quiz the participant notebook shows


@pytest.fixture(scope="module")
def voila_url() -> Iterator[str]:
    process, url = start_voila(COURSE, notebook=NOTEBOOK, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(process, url)
        yield url
    finally:
        stop_voila(process, timeout=20)


def _first_single_question():
    quiz = COURSE.bank()[QUIZ]
    for number, question in enumerate(quiz.questions):
        if question.type.value == "single":
            return number, question
    pytest.fail(f"quiz {QUIZ} has no single-choice question to answer")


def _answer(page: Page, number: int, option_text: str) -> str:
    """Pick ``option_text`` in question ``number`` (0-based), check it, and return the feedback text."""
    question = page.locator(".widget-radio-box").nth(number)
    question.get_by_label(option_text, exact=True).check()
    page.get_by_role("button", name="Check answer").nth(number).click()
    feedback = page.locator(".ec-summary").first
    feedback.wait_for(timeout=20_000)
    return feedback.inner_text()


def test_live_quiz_grades_in_the_kernel(browser: Browser, voila_url: str) -> None:
    events = Events()
    context = open_context(browser, events)
    try:
        page = context.new_page()
        page.goto(voila_url, wait_until="load", timeout=60_000)
        page.locator(".widget-radio-box").first.wait_for(timeout=60_000)
        number, question = _first_single_question()
        texts = {o.id: markup.plain(o.text) for o in question.options}
        wrong = next(o for o in texts if o != question.key)

        assert "Not quite" in _answer(page, number, texts[wrong])
        page.get_by_role("button", name="Try again").first.click()
        page.locator(".ec-summary").first.wait_for(state="detached", timeout=20_000)
        assert "Correct" in _answer(page, number, texts[question.key])
        assert not events.external, f"the live quiz asked other hosts: {events.external}"
    finally:
        context.close()


# ------------------------------------------------------------------ never silent, and room mode

FIXTURES = ROOT / "tests" / "fixtures" / "workshop"
CONFIG_DATA = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def _context(browser: Browser, *hosts: str) -> BrowserContext:
    """A fresh browser (another device): only ``hosts`` are reachable, axe-core is preloaded."""
    context = browser.new_context(viewport=DESKTOP)
    if AXE_JS.exists():
        context.add_init_script(path=AXE_JS)

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname in hosts:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    return context


def _problem(page: Page, kind: str, seconds: float = 45) -> Locator:
    """The page's "something went wrong" box of ``kind``, once visible, checked for words and Reload."""
    box = page.locator(f'.ec-problem[data-ec-problem="{kind}"]')
    box.wait_for(timeout=seconds * 1000)
    assert box.get_attribute("role") == "alert"
    assert len(box.inner_text().split()) > 8, "the problem is said in words"
    assert box.get_by_role("button", name="Reload").is_visible()
    assert AXE_JS.exists(), f"axe-core is missing ({AXE_JS}): run `bash scripts/install-test-deps.sh`"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("""async () => (await axe.run(document.querySelector('.ec-problem'),
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']}})).violations
        .map(v => v.id)""")
    assert violations == [], f"the problem box fails WCAG 2.2 AA: {violations}"
    return box


def _kernel_process(voila_pid: int, kernel_id: str) -> psutil.Process:
    for proc in psutil.Process(voila_pid).children(recursive=True):
        if any(kernel_id in part for part in proc.cmdline()):
            return proc
    raise AssertionError(f"no kernel process for {kernel_id}")


def test_missing_quiz_is_said_in_words(browser: Browser) -> None:
    """The runner gives up on the quiz output (slow runner, 1 s wait): the page says so, offers Reload."""
    process, url = start_voila(COURSE, notebook=NOTEBOOK, config_dirs=[FIXTURES / "short_iopub",
                                                                        FIXTURES / "slow_runner"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = _context(browser, "127.0.0.1")
    try:
        wait_until_serving(process, url + "voila/static/voila.js")
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=120_000)
        _problem(page, "missing")
        assert page.locator(".widget-radio-box").count() == 0
        BUILD_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(BUILD_DIR / "workshop-quiz-missing.png"))
    finally:
        context.close()
        stop_voila(process, timeout=30)


def test_dead_kernel_and_lost_connection_are_said_in_words(browser: Browser) -> None:
    process, url = start_voila(COURSE, notebook=NOTEBOOK, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    context = _context(browser, "127.0.0.1")
    try:
        wait_until_serving(process, url + "voila/static/voila.js")
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=120_000)
        page.locator(".widget-radio-box").first.wait_for(timeout=120_000)
        assert page.locator(".ec-problem").count() == 0, "no problem box while all is well"

        _kernel_process(process.pid, page.evaluate(CONFIG_DATA)).kill()
        _problem(page, "stopped")
        BUILD_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(BUILD_DIR / "workshop-kernel-stopped.png"))
        page.get_by_role("button", name="Reload").click()
        page.locator(".widget-radio-box").first.wait_for(timeout=120_000)
        assert page.locator(".ec-problem").count() == 0, "Reload brings the quiz back"

        stop_voila(process, timeout=30)
        _problem(page, "lost")
    finally:
        context.close()
        stop_voila(process, timeout=30)


def _read_urls(stream: IO[str], seconds: float = 120) -> tuple[str, str]:
    """The presenter's and the participants' URLs, as ``course workshop --room`` prints them."""
    found: dict[str, str] = {}
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    deadline = time.monotonic() + seconds
    while len(found) < 2 and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line.startswith("Workshop presenter"):
            found["presenter"] = line.split()[-1]
        elif "?token=" in line and line.startswith("    http"):
            found["participants"] = line.strip()
    assert len(found) == 2, f"course workshop --room printed no URLs in {seconds} s: {found}"
    return found["presenter"], found["participants"]


def _refused(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(5)
        return sock.connect_ex((host, port)) != 0


def test_room_mode_from_a_second_device(browser: Browser) -> None:
    """``course workshop --room``: a participant's own device joins with the printed URL and token and
    answers; without the token it is refused; the presenter shows the same URL as a QR code."""
    env = dict(os.environ)
    if lan_address() is None:  # a machine without a network still tests everything but the LAN binding
        env["ROOM_HOST"] = "127.0.0.1"
    command = [sys.executable, "-m", "evidence_course.cli", "workshop", "--room", "--people", "2"]
    course = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, start_new_session=True)
    presenter_context = participant_context = None
    try:
        assert course.stdout is not None
        presenter_url, participants_url = _read_urls(course.stdout)
        room = urlsplit(participants_url)
        assert presenter_url.startswith("http://127.0.0.1:"), "the presenter stays on this computer"
        assert room.hostname == env.get("ROOM_HOST", lan_address())
        token = room.query.removeprefix("token=")
        assert len(token) >= 20, "a random token, long enough not to be guessed"
        base = f"http://{room.netloc}/"
        wait_until_serving(course, base + "voila/static/voila.js")  # type: ignore[arg-type]
        wait_until_serving(course, presenter_url)  # type: ignore[arg-type]
        if room.hostname != "127.0.0.1":
            assert _refused("127.0.0.1", room.port), "participants are served on the LAN address only"
            assert _refused(room.hostname, urlsplit(presenter_url).port), "the presenter is not on the LAN"

        presenter_context = _context(browser, "127.0.0.1")
        presenter = presenter_context.new_page()
        presenter.goto(presenter_url, wait_until="load", timeout=120_000)
        join = presenter.locator(".ec-join")
        join.wait_for(timeout=120_000)
        assert participants_url in join.inner_text()
        assert join.locator('svg[role="img"] path').count() >= 1, "the QR code is drawn"

        participant_context = _context(browser, room.hostname)
        phone = participant_context.new_page()
        refused = phone.goto(base, wait_until="load", timeout=60_000)
        assert "/login" in phone.url and refused is not None and refused.ok, "no token: the login page"
        assert phone.locator(".jupyter-widgets").count() == 0, "no quiz without the token"

        phone.goto(participants_url, wait_until="load", timeout=120_000)
        try:
            phone.locator(".widget-radio-box").first.wait_for(timeout=240_000)
        except Exception:
            BUILD_DIR.mkdir(exist_ok=True)
            phone.screenshot(path=str(BUILD_DIR / "workshop-room-phone-failed.png"))
            raise
        number, question = _first_single_question()
        texts = {o.id: markup.plain(o.text) for o in question.options}
        assert "Correct" in _answer(phone, number, texts[question.key])
        BUILD_DIR.mkdir(exist_ok=True)
        presenter.screenshot(path=str(BUILD_DIR / "workshop-room-presenter.png"))
    finally:
        for context in (participant_context, presenter_context):
            if context is not None:
                context.close()
        servers = psutil.Process(course.pid).children(recursive=True) if course.poll() is None else []
        course.send_signal(signal.SIGINT)
        assert course.wait(timeout=90) == 0
    assert not [p for p in servers if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], \
        "Ctrl-C left a Voilà or a kernel running"
