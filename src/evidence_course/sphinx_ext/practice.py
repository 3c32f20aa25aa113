"""Practice tools in the book: ``{practice-tool} <id>`` and the ``{practice-tools-record}`` data.

* ``{practice-tool} <tool id>`` renders ``practice/<tool id>.yml`` as a fillable form (through the Jinja
  templates of :mod:`evidence_course.render.practice_html`); ``tools.js`` keeps what is typed in the
  browser, prints and clears it.
* ``{practice-tools-record}`` (on the progress page) gives ``tools.js`` the list of tools with a link to
  each, so the CPD record can list the tools a learner has finished.

The tool is checked when the page is read (a bad tool file is a build error naming file, line and
fix) and rendered when the page is written, once the links to the claims page are known. Each page
notes its tool files as dependencies, so a data-only edit re-renders it. ``tools.js`` and ``tools.css``
are added only to pages that use them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model.errors import CourseDataError, CourseDataErrors
from ..model.practice import Tool, load_tool, load_tools
from ..render.practice_html import claim_link, render_record, render_tool
from .claims import CLAIMS_DOC
from .course import course_of

logger = logging.getLogger(__name__)
#: Environment attribute: docname → ids of the tools it shows (``{practice-tool}``).
TOOL_PAGES = "course_practice_tool_pages"
#: Environment attribute: docname → tool files listed when its ``{practice-tools-record}`` was read.
RECORD_PAGES = "course_practice_record_pages"


class practice_tool(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A tool waiting for its claim links; ``node["tool"]`` holds the checked tool as plain data."""


class practice_record(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The tools list for the CPD record; ``node["tools"]`` holds [{id, title}]."""


def _attr(env: BuildEnvironment, name: str) -> dict[str, Any]:
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def _tool_files(env: BuildEnvironment) -> list[str]:
    return sorted(str(p) for p in course_of(env).practice_dir.glob("*.yml"))


class PracticeToolDirective(SphinxDirective):
    """``{practice-tool} <id>``: one practice tool, fillable, printable, kept in the browser."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        course = course_of(self.env)
        tool_id = self.arguments[0]
        path = course.practice_dir / f"{tool_id}.yml"
        self.env.note_dependency(str(path))
        self.env.note_dependency(str(course.claims_file))
        try:
            tool = load_tool(path, course.claims.keys())
        except (CourseDataError, CourseDataErrors) as exc:
            known = ", ".join(p.stem for p in sorted(course.practice_dir.glob("*.yml")))
            return [self.state.document.reporter.error(
                f"practice tool {tool_id!r}: {exc}\n(tools in {course.practice_dir.name}/: {known})",
                line=self.lineno)]
        _attr(self.env, TOOL_PAGES).setdefault(self.env.docname, []).append(tool.id)
        node = practice_tool()
        node["tool"] = tool.model_dump(mode="json")
        return [node]


class PracticeToolsRecordDirective(SphinxDirective):
    """``{practice-tools-record}``: the list of tools for the CPD record (no visible output)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        files = _tool_files(self.env)
        for path in files:
            self.env.note_dependency(path)
        _attr(self.env, RECORD_PAGES)[self.env.docname] = files
        course = course_of(self.env)
        try:
            tools = load_tools(course.practice_dir, course.claims.keys())
        except (CourseDataError, CourseDataErrors) as exc:
            return [self.state.document.reporter.error(f"the practice tools have errors:\n{exc}",
                                                       line=self.lineno)]
        node = practice_record()
        node["tools"] = [{"id": t.id, "title": t.title} for t in tools.values()]
        return [node]


def _uri(app: Sphinx, docname: str, target: str) -> str | None:
    try:
        return app.builder.get_relative_uri(docname, target)
    except NoUri:  # builders without pages
        return None


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render tools (with claim links relative to this page) and the record (with tool links)."""
    claims = course_of(app.env).claims
    claims_uri = _uri(app, docname, CLAIMS_DOC) or ""

    def cite(claim_id: str) -> Any:
        claim = claims[claim_id]
        return claim_link(f"{claims_uri}#{claim.anchor}", claim.id, f"{claim.section.title}: “{claim.quote}”")

    for node in list(doctree.findall(practice_tool)):
        tool = Tool.model_validate(node["tool"])
        node.replace_self(nodes.raw("", render_tool(tool, cite), format="html"))
    pages = {tool: doc for doc, tools in _attr(app.env, TOOL_PAGES).items() for tool in tools}
    for node in list(doctree.findall(practice_record)):
        rows = []
        for tool in node["tools"]:
            page = pages.get(tool["id"])
            if page is None:
                logger.warning(f"practice tool {tool['id']!r} is on no page of the book. Fix: add a page "
                               f"with ```{{practice-tool}} {tool['id']}``` to _toc.yml",
                               location=docname, type="practice", subtype="page")
            rows.append(dict(tool, href=_uri(app, docname, page) if page else None))
        node.replace_self(nodes.raw("", render_record(rows), format="html"))


def _assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Load tools.js and tools.css only on the pages that show a tool or the CPD record."""
    if pagename in _attr(app.env, TOOL_PAGES) or pagename in _attr(app.env, RECORD_PAGES):
        app.add_js_file("tools.js", loading_method="defer")
        app.add_css_file("tools.css")


def _outdated(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Re-read a record page when a tool file or a page is added or removed (its links may change)."""
    files = _tool_files(env)
    return [doc for doc, listed in _attr(env, RECORD_PAGES).items() if listed != files or added or removed]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _attr(env, TOOL_PAGES).pop(docname, None)
    _attr(env, RECORD_PAGES).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for name in (TOOL_PAGES, RECORD_PAGES):
        _attr(env, name).update({doc: v for doc, v in _attr(other, name).items() if doc in docnames})


def setup(app: Sphinx) -> None:
    """Register the directives, their nodes, rendering and per-page assets."""
    app.add_node(practice_tool)
    app.add_node(practice_record)
    app.add_directive("practice-tool", PracticeToolDirective)
    app.add_directive("practice-tools-record", PracticeToolsRecordDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _assets)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
