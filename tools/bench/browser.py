"""Browser figures for ``make bench``: page weight from Chromium's network events, click-to-feedback.

The built book is served from 127.0.0.1 by :mod:`http.server` in a thread; Debian's Chromium is driven
by Playwright (never a downloaded browser). Every request to another host goes through a route: it is
counted and aborted, or, for the reference page, answered from local copies of the npm packages the
CDN would serve (so their bytes can be counted with no internet).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]

#: Maps a URL on another host to a local file that stands in for it, or ``None`` to abort the request.
Resolver = Callable[[str], Path | None]


@dataclass
class Asset:
    """One response the page received: where from, how many body bytes, and whether it was local."""

    url: str
    bytes: int
    local: bool
    status: int | None = None


@dataclass
class PageLoad:
    """Everything one load of a page fetched."""

    url: str
    assets: list[Asset] = field(default_factory=list)
    other_host_requests: list[str] = field(default_factory=list)
    unsatisfied: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        """Body bytes of every response (the page, its assets, and any stood-in other-host file)."""
        return sum(a.bytes for a in self.assets)

    @property
    def other_host_bytes(self) -> int:
        """Body bytes of responses from other hosts (answered by a route stand-in)."""
        return sum(a.bytes for a in self.assets if not a.local)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _route_handler(base_url: str, load: PageLoad, resolve: Resolver | None) -> Callable[[Any], None]:
    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
            return
        load.other_host_requests.append(url)
        stand_in = resolve(url) if resolve else None
        if stand_in is None or not stand_in.is_file():
            load.unsatisfied.append(url)
            route.abort()
            return
        kind = mimetypes.guess_type(stand_in.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=stand_in.read_bytes(),
                      headers={"content-type": kind, "access-control-allow-origin": "*"})
    return handle


def _goto(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except Exception:  # noqa: BLE001 - a page that never idles is still measured as far as it got
        pass


def load_page(browser: Any, base_url: str, path: str, resolve: Resolver | None = None,
              after: str | None = None) -> PageLoad:
    """Load ``base_url + path`` in a fresh context (empty cache) and record every response's body size.

    With ``after``, that page is loaded first in the same context and only what ``path`` then fetches
    over the network is counted (the next page a reader opens: files already in the browser's cache
    count 0 bytes).
    """
    load = PageLoad(url=base_url + path)
    context = browser.new_context(service_workers="block")
    try:
        if after is None:
            context.route("**/*", _route_handler(base_url, load, resolve))
        else:  # routing turns Chromium's HTTP cache off: other hosts are only recorded here
            context.on("request", lambda request: None if request.url.startswith(
                (base_url, "data:", "blob:")) else load.other_host_requests.append(request.url))
        page = context.new_page()
        if after is not None:
            _goto(page, base_url + after)
            load.other_host_requests.clear()
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        _goto(page, load.url)
        for request in finished:
            if request.url.startswith(("data:", "blob:")):
                continue
            response = request.response()
            network = request.sizes().get("responseBodySize", 0)
            if after is not None:
                size = max(network, 0)  # negative: served from the cache
            else:
                try:
                    size = len(response.body()) if response else 0
                except Exception:  # noqa: BLE001 - body evicted: fall back to the transfer size
                    size = max(network, 0)
            load.assets.append(Asset(request.url, size, request.url.startswith(base_url),
                                     response.status if response else None))
    finally:
        context.close()
    return load


#: Runs inside the page: answers every question, clicks its check button and times the feedback.
#: Two sources: ``performance`` measures the quiz runtime records itself (names containing "quiz"),
#: and, independently, a MutationObserver from just before a dispatched click to the moment the
#: question's live region holds new, non-empty text.
CLICK_TO_FEEDBACK_JS = r"""
async (selectors) => {
  const pick = (root, list) => {
    for (const s of list) { const e = root.querySelector(s); if (e) return e; }
    return null;
  };
  const all = [...document.querySelectorAll(selectors.question.join(','))];
  const questions = all.filter(q => !all.some(o => o !== q && o.contains(q)));
  const clickTimes = [];
  const failures = [];
  performance.clearMeasures && performance.clearMeasures();
  for (const q of questions) {
    const radio = q.querySelector('input[type=radio]');
    if (radio && !radio.checked) radio.click();
    const box = q.querySelector('input[type=checkbox]');
    if (box && !box.checked) box.click();
    for (const sel of q.querySelectorAll('select')) {
      if (sel.options.length < 2) continue;
      sel.selectedIndex = 1;
      sel.dispatchEvent(new Event('change', {bubbles: true}));
    }
    const buttons = [...q.querySelectorAll('button, input[type=submit]')];
    const button = buttons.find(b => /check|submit|mark|answer/i.test(b.textContent || b.value || ''))
      || buttons.find(b => b.type === 'submit') || buttons[0];
    const live = pick(q, selectors.live) || pick(document, selectors.live);
    if (!button || !live) {
      failures.push((q.id || q.dataset.questionId || '?') + ': no check button or live region');
      continue;
    }
    const before = live.textContent.trim();
    const elapsed = await new Promise(resolve => {
      let t0 = 0;
      const done = (v) => { obs.disconnect(); clearTimeout(timer); resolve(v); };
      const obs = new MutationObserver(() => {
        const text = live.textContent.trim();
        if (text && text !== before) done(performance.now() - t0);
      });
      obs.observe(live, {childList: true, subtree: true, characterData: true});
      const timer = setTimeout(() => done(null), 3000);
      t0 = performance.now();
      button.click();
    });
    if (elapsed === null) failures.push(q.id || q.dataset.questionId || 'no live-region change');
    else clickTimes.push(elapsed);
  }
  const measures = performance.getEntriesByType('measure').filter(m => /quiz/i.test(m.name))
    .map(m => ({name: m.name, duration: m.duration}));
  return {questions: questions.length, clickTimes, failures, measures};
}
"""

#: The static quiz's markup (templates/quiz.html.j2): one ``form.ec-q`` per question, its feedback in
#: a ``role=status`` live region.
QUESTION_SELECTORS = ["form.ec-q"]
LIVE_SELECTORS = ["[role=status]"]


@dataclass
class FeedbackTimes:
    """Click-to-feedback on one page: per-question times (ms) and what could not be measured."""

    page: str
    questions: int = 0
    click_ms: list[float] = field(default_factory=list)
    hook_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def click_to_feedback(browser: Any, base_url: str, path: str) -> FeedbackTimes:
    """Answer every question on the page once and time click → feedback in the page itself."""
    context = browser.new_context(service_workers="block")
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        page.evaluate("() => localStorage.clear()")
        page.reload(wait_until="load")
        result = page.evaluate(CLICK_TO_FEEDBACK_JS, {"question": QUESTION_SELECTORS, "live": LIVE_SELECTORS})
    finally:
        context.close()
    return FeedbackTimes(path, result["questions"], result["clickTimes"],
                         [m["duration"] for m in result["measures"]], result["failures"])


def local_path(url: str) -> str:
    """The path part of a URL (for listing assets compactly)."""
    parts = urlsplit(url)
    return parts.path.lstrip("/") or "/"
