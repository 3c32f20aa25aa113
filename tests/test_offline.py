"""The built book loads nothing from another host: no CDN script, style, font, image or frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_scan import external_css_urls, external_loads


def test_no_page_loads_from_another_host(built_html: Path) -> None:
    pages = sorted(built_html.rglob("*.html"))
    assert len(pages) > 10, "expected the whole book to be built"
    problems = {str(p.relative_to(built_html)): external_loads(p.read_text(encoding="utf-8")) for p in pages}
    problems = {page: found for page, found in problems.items() if found}
    assert not problems, f"pages load from other hosts: {problems}"


def test_no_stylesheet_imports_from_another_host(built_html: Path) -> None:
    sheets = sorted(built_html.rglob("*.css"))
    problems = {str(s.relative_to(built_html)): external_css_urls(s.read_text(encoding="utf-8"))
                for s in sheets}
    problems = {sheet: found for sheet, found in problems.items() if found}
    assert not problems, f"stylesheets load from other hosts: {problems}"


def test_no_page_loads_widget_manager_requirejs_or_mathjax(built_html: Path) -> None:
    heavy = ("require.js", "require.min.js", "embed-amd", "html-manager", "mathjax", "MathJax")
    offenders = [
        str(p.relative_to(built_html)) for p in built_html.rglob("*.html")
        if any(name in p.read_text(encoding="utf-8") for name in heavy)
    ]
    assert not offenders, f"pages reference require.js, the widget manager or MathJax: {offenders}"


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>',
        '<script src="//unpkg.com/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">',
        '<link rel="preload" as="font" href="http://example.org/f.woff2">',
        '<img src="https://example.org/logo.png" alt="">',
        '<img srcset="a.png 1x, https://example.org/b.png 2x" alt="">',
        '<iframe src="https://www.youtube.com/embed/x" title="x"></iframe>',
        "<style>@import 'https://example.org/a.css';</style>",
        '<div style="background:url(https://example.org/bg.png)"></div>',
    ],
)
def test_scanner_catches_external_loads(snippet: str) -> None:
    assert external_loads(f"<html><body>{snippet}</body></html>")


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="../_static/quiz.js"></script>',
        '<a href="https://www.gov.uk/guidance/sex-workers-convicted-of-crime">source</a>',
        '<link rel="canonical" href="https://example.org/page.html">',
        '<img src="data:image/png;base64,AAAA" alt="">',
    ],
)
def test_scanner_allows_local_assets_and_plain_links(snippet: str) -> None:
    assert external_loads(f"<html><body>{snippet}</body></html>") == []
