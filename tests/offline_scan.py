"""Find every resource a built page would load from another host (used by tests/test_offline.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

#: (tag, attribute) pairs a browser fetches without a click.
LOADING_ATTRS = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("track", "src"), ("input", "src"),
}
#: rel values of <link> that make the browser fetch the href.
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "shortcut", "manifest",
                "apple-touch-icon", "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>[^'")\s]+)""")


def is_external(url: str) -> bool:
    """True when ``url`` names a host (absolute ``http(s)://`` or protocol-relative ``//``)."""
    url = url.strip()
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.scheme in {"", "http", "https", "ws", "wss", "ftp"}


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for attr, value in values.items():
            if (tag, attr) in LOADING_ATTRS:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in attr \
                    else [value]
                self.found += [f"<{tag} {attr}={u}>" for u in urls if is_external(u)]
        if tag == "link" and LOADING_RELS & set(values.get("rel", "").lower().split()):
            if is_external(values.get("href", "")):
                self.found.append(f"<link rel={values['rel']} href={values['href']}>")
        if "style" in values:
            self.found += [f"style url({u})" for u in external_css_urls(values["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += [f"<style> url({u})" for u in external_css_urls(data)]


def external_css_urls(css: str) -> list[str]:
    """URLs to other hosts in CSS ``url(...)`` and ``@import``."""
    return [m.group("url") for m in CSS_URL.finditer(css) if is_external(m.group("url"))]


def external_loads(html: str) -> list[str]:
    """Every resource in ``html`` that would be fetched from another host, described for a message."""
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.found
