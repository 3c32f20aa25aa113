"""Helpers for the browser tests: where the book is, its pages, recorded events, axe-core audits.

The browser itself is launched by pytest-playwright with Debian's chromium (see conftest.py). One
browser context per purpose: every request to another host is aborted and recorded, and every console
error and uncaught page error is recorded, so a test can assert on what happened while it drove a
page (see :class:`Tab`).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.2 AA as axe-core tags its rules (2.0, 2.1 and 2.2, levels A and AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


def html_dir() -> Path:
    """Where the built book's HTML is: ``$COURSE_BUILD_DIR/html`` or ``<repo>/_build/html``."""
    return Path(os.environ.get("COURSE_BUILD_DIR", REPO / "_build")) / "html"


def book_pages(html: Path | None = None) -> list[str]:
    """Every HTML page a reader can reach, relative to the site root (not the index/search/sources)."""
    html = html or html_dir()
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html")
        if p.name not in skip and "_sources" not in p.relative_to(html).parts
        and "_static" not in p.relative_to(html).parts
    )


@dataclass
class Events:
    """What the browser did that a test may forbid: off-host requests, console errors, page errors."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    #: every URL the page asked for (local or not), to spot heavy scripts that must not load
    requests: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.requests.clear()
        self.external.clear()
        self.console_errors.clear()
        self.page_errors.clear()

    def problems(self) -> list[str]:
        return ([f"request to another host (aborted): {u}" for u in self.external]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors])


def _route_local_only(events: Events, route: Route) -> None:
    url = route.request.url
    events.requests.append(url)
    if urlsplit(url).hostname == "127.0.0.1":
        route.continue_()
    else:
        events.external.append(url)
        route.abort()


def _on_console(events: Events, message: ConsoleMessage) -> None:
    if message.type == "error":
        where = message.location.get("url", "") if message.location else ""
        events.console_errors.append(f"{message.text} ({where})" if where else message.text)


def open_context(browser: Browser, events: Events, **options: object) -> BrowserContext:
    """A browser context where only 127.0.0.1 is reachable and errors are recorded into ``events``."""
    context = browser.new_context(viewport=DESKTOP, **options)
    if AXE_JS.exists():  # present in every page from the start: cheaper than injecting it per audit
        context.add_init_script(path=AXE_JS)
    context.route("**/*", functools.partial(_route_local_only, events))
    context.on("console", functools.partial(_on_console, events))
    context.on("weberror", lambda error: events.page_errors.append(str(error.error)))
    return context


@dataclass
class Tab:
    """One reused page and the events recorded while driving it."""

    page: Page
    events: Events
    site: str
    axe: Path

    def visit(self, path: str, *, viewport: dict | None = None) -> Page:
        """Clear the record and open ``path`` (relative to the site root) at ``viewport``."""
        self.events.clear()
        self.page.set_viewport_size(viewport or DESKTOP)
        self.page.goto(self.site + path, wait_until="load")
        return self.page

    def audit(self, context: str = "") -> list[str]:
        """Run axe-core (WCAG 2.2 AA tags) on the current page; one line per violating node, with axe's
        reason. The page is audited scrolled to the top: Furo floats a "Back to top" button over the
        content while the reader scrolls up, which axe would count against whatever it covers at
        that moment (a transient overlay, so the result would depend on timing)."""
        self.page.evaluate("() => window.scrollTo(0, 0)")
        self.page.wait_for_function(
            "() => !document.documentElement.classList.contains('show-back-to-top')")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(self.axe))
        violations = self.page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                        resultTypes: ['violations']});
                return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' (' +
                        [...n.any, ...n.all, ...n.none].map(c => c.message).join('; ') + ')')}));
            }""",
            AXE_TAGS,
        )
        where = f" [{context}]" if context else ""
        return [f"{v['id']} ({v['impact']}){where}: {v['help']}: {node}"
                for v in violations for node in v["nodes"]]

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the document is wider than the viewport (0 = no horizontal scrolling)."""
        return self.page.evaluate(
            "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth - 1)")


#: Runs in the page: for each (selector, CSS property) the colour's contrast ratio against the
#: background behind the element (the nearest ancestor-or-self with an opaque background colour).
CONTRAST_JS = r"""
(checks) => {
  const rgb = (s) => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a >= 0.99) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const out = [];
  for (const [selector, prop] of checks) {
    const el = selector === ':focus' ? document.activeElement : document.querySelector(selector);
    if (!el) { out.push({selector, prop, missing: true}); continue; }
    const style = getComputedStyle(el);
    const fg = rgb(style.getPropertyValue(prop));
    const bg = background(el.parentElement || el);
    if (!fg || fg.a < 0.99) {
      out.push({selector, prop, colour: style.getPropertyValue(prop), ratio: 1});
      continue;
    }
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push({selector, prop, colour: style.getPropertyValue(prop),
              background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`, ratio: (hi + 0.05) / (lo + 0.05)});
  }
  return out;
}
"""


def non_text_contrast(page: Page, checks: list[tuple[str, str]], minimum: float = 3.0) -> list[str]:
    """WCAG 1.4.11: each ``(selector, colour property)`` against the background behind it; one line per
    colour below ``minimum`` or element not found (``":focus"`` is the focused element)."""
    problems = []
    for found in page.evaluate(CONTRAST_JS, checks):
        where = f"{found['selector']} {found['prop']}"
        if found.get("missing"):
            problems.append(f"{where}: no such element")
        elif found["ratio"] < minimum:
            problems.append(f"{where}: {found['colour']} on {found.get('background', '?')} is "
                            f"{found['ratio']:.2f}:1 (needs {minimum}:1)")
    return problems
