"""Practice tools in the book: ``{practice-tool} <id>`` and the ``{practice-tools-record}`` data.

* ``{practice-tool} <tool id>`` renders ``practice/<tool id>.yml`` as a fillable form (through the Jinja
  templates of :mod:`evidence_course.render.practice_html`); ``tools.js`` keeps what is typed in the
  browser, prints and clears it.
* ``{practice-tools-record}`` (on the progress page) gives ``tools.js`` the list of tools with a link to
  each, so the CPD record can list the tools a learner has finished.

The tool is checked when the page is read (a bad tool file is a build error naming file, line and
fix). Each node holds the checked tool as plain data and, as children, a plain-text version (what the
search index and non-HTML builders see). :class:`ToolLinks` works out, once every page is read, where
each claim is listed and which page shows each tool; the HTML visitors render from the templates.
:class:`ToolPages` and :class:`RecordPages` keep, per page, which tools it shows and which tool files
it listed. ``tools.js`` and ``tools.css`` are added only to pages that use them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ..model.errors import CourseDataError, CourseDataErrors
from ..model.practice import Tool, load_tool, load_tools
from ..render.practice_html import claim_link, plain_texts, render_record, render_tool
from .claims import ClaimPages
from .course import PageData, add_html_node, course_of

logger = logging.getLogger(__name__)


class practice_tool(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A tool: ``node["tool"]`` holds the checked tool as plain data, ``node["claim_hrefs"]`` its links."""


class practice_record(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The tools list for the CPD record: ``node["tools"]`` [{id, title, href}], ``node["files"]``."""


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
        node = practice_tool(tool=tool.model_dump(mode="json"))
        node += [nodes.paragraph("", text) for text in plain_texts(tool)]
        return [node]


class PracticeToolsRecordDirective(SphinxDirective):
    """``{practice-tools-record}``: the list of tools for the CPD record (read by ``tools.js``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        files = _tool_files(self.env)
        for path in files:
            self.env.note_dependency(path)
        course = course_of(self.env)
        try:
            tools = load_tools(course.practice_dir, course.claims.keys())
        except (CourseDataError, CourseDataErrors) as exc:
            return [self.state.document.reporter.error(f"the practice tools have errors:\n{exc}",
                                                       line=self.lineno)]
        return [practice_record(files=files, tools=[{"id": t.id, "title": t.title} for t in tools.values()])]


class ToolPages(PageData[list[str]]):
    """The tools each page shows."""

    attr = "course_practice_tool_pages"

    def collect(self, env: BuildEnvironment, doctree: nodes.document) -> list[str] | None:
        shown = [str(node["tool"]["id"]) for node in doctree.findall(practice_tool)]
        return shown or None


class RecordPages(PageData[list[str]]):
    """The tool files each CPD record page listed when it was read."""

    attr = "course_practice_record_pages"

    def collect(self, env: BuildEnvironment, doctree: nodes.document) -> list[str] | None:
        found = [list(node["files"]) for node in doctree.findall(practice_record)]
        return found[0] if found else None

    def get_outdated_docs(self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                          removed: set[str]) -> list[str]:
        """Re-read a record page when a tool file or a page was added or removed (its links may change)."""
        files = _tool_files(env)
        return [doc for doc, listed in self.of(env).items() if listed != files or added or removed]


class ToolLinks(SphinxPostTransform):
    """Each tool's claim links (to the page listing the claim) and the record's links to the tools."""

    default_priority = 20

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        listed_on = {claim: doc for doc, ids in sorted(ClaimPages.of(self.env).items()) for claim in ids}
        claims = course_of(self.env).claims
        for node in self.document.findall(practice_tool):
            hrefs: dict[str, str | None] = {}
            for claim in node["tool"]["claims"]:
                uri = self._uri(docname, listed_on.get(claim))
                hrefs[claim] = None if uri is None else f"{uri}#{claims[claim].anchor}"
            node["claim_hrefs"] = hrefs
        pages = {tool: doc for doc, tools in ToolPages.of(self.env).items() for tool in tools}
        for record in self.document.findall(practice_record):
            for tool in record["tools"]:
                page = pages.get(tool["id"])
                if page is None:
                    logger.warning(f"practice tool {tool['id']!r} is on no page of the book. Fix: add a page "
                                   f"with ```{{practice-tool}} {tool['id']}``` to _toc.yml",
                                   location=record, type="course", subtype="practice")
                tool["href"] = self._uri(docname, page)

    def _uri(self, docname: str, target: str | None) -> str | None:
        if target is None:
            return None
        try:
            return self.app.builder.get_relative_uri(docname, target)
        except NoUri:  # builders without pages
            return None


def visit_tool_html(self: SphinxTranslator, node: nodes.Element) -> None:
    """The fillable tool (the plain paragraphs are for search and other builders)."""
    tool = Tool.model_validate(node["tool"])
    claims = course_of(self.builder.env).claims
    hrefs: dict[str, str | None] = node.get("claim_hrefs", {})

    def cite(claim_id: str) -> Any:
        claim = claims[claim_id]
        return claim_link(hrefs.get(claim_id), claim.id, f"{claim.section.title}: “{claim.quote}”")

    self.body.append(render_tool(tool, cite))  # type: ignore[attr-defined]  # HTML translators have a body
    raise nodes.SkipNode


def visit_record_html(self: SphinxTranslator, node: nodes.Element) -> None:
    """The data tools.js reads to list finished tools in the CPD record."""
    self.body.append(render_record(node["tools"]))  # type: ignore[attr-defined]
    raise nodes.SkipNode


def _assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Load tools.js and tools.css only on the pages that show a tool or the CPD record."""
    if pagename in ToolPages.of(app.env) or pagename in RecordPages.of(app.env):
        app.add_js_file("tools.js", loading_method="defer")
        app.add_css_file("tools.css")


def setup(app: Sphinx) -> None:
    """Register the directives, their nodes with their visitors, links, page records and assets."""
    add_html_node(app, practice_tool, visit_tool_html)
    add_html_node(app, practice_record, visit_record_html)
    app.add_directive("practice-tool", PracticeToolDirective)
    app.add_directive("practice-tools-record", PracticeToolsRecordDirective)
    app.add_env_collector(ToolPages)
    app.add_env_collector(RecordPages)
    app.add_post_transform(ToolLinks)
    app.connect("html-page-context", _assets)
