"""Claims in the book: the ``{claim}`` role that cites one, and the page that lists them all.

``{claim}`works.housing``` in a chapter becomes a small "source" link to the claim on the claims page;
the claims page (``{evidence-claims}`` directive) shows each claim's exact quote and links to its
section of the source page, so a reader gets from any statement to the evidence in one click.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..model.evidence import Claim, SourceSection
from .course import course_of

#: Docname of the page that holds the ``{evidence-claims}`` directive.
CLAIMS_DOC = "book/claims"
#: Docname of the page that includes the source text.
SOURCE_DOC = "book/source"


class claim_ref(nodes.reference):  # noqa: N801 - docutils node naming
    """A citation of one claim; its link is filled in once the output page is known."""


class ClaimRole(SphinxRole):
    """``{claim}`id``` : cite a claim of ``evidence/claims.yml``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        claim_id = self.text.strip()
        course = course_of(self.env)
        self.env.note_dependency(str(course.claims_file))
        claim = course.claims.get(claim_id)
        if claim is None:
            msg = self.inliner.reporter.error(
                f"unknown claim id {claim_id!r}: use an id from evidence/claims.yml",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        node = claim_ref("", "", internal=True, classes=["claim-ref"])
        node["claim_id"] = claim_id
        node["reftitle"] = f"{claim.section.title}: “{claim.quote}”"
        node += nodes.Text("source")
        hidden = nodes.inline("", f" for claim {claim.id}", classes=["visually-hidden"])
        node += hidden
        return [nodes.superscript("", "", node)], []


class EvidenceClaimsDirective(SphinxDirective):
    """``{evidence-claims}``: every claim, grouped by source section, with its quote and section link."""

    has_content = False
    option_spec = {"kinds": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        course = course_of(self.env)
        self.env.note_dependency(str(course.claims_file))
        self.env.note_dependency(str(course.source_file))
        wanted = set((self.options.get("kinds") or "").split()) or None
        result: list[nodes.Node] = []
        for section in SourceSection:
            in_section = [
                c for c in course.claims.values()
                if c.section is section and (wanted is None or c.kind.value in wanted)
            ]
            if not in_section:
                continue
            sec = nodes.section(ids=[f"claims-{section.value}"])
            sec += nodes.title("", section.title)
            items = nodes.bullet_list(classes=["claim-list"])
            for claim in in_section:
                items += _claim_item(claim)
            sec += items
            result.append(sec)
        return result


def _claim_item(claim: Claim) -> nodes.list_item:
    item = nodes.list_item(ids=[claim.anchor], classes=["claim", f"claim-{claim.kind.value}"])
    head = nodes.paragraph()
    head += nodes.strong("", claim.label)
    head += nodes.Text(" ")
    head += nodes.inline("", f"({claim.kind.value}; id {claim.id})", classes=["claim-meta"])
    item += head
    quote = nodes.block_quote(classes=["claim-quote"])
    quote += nodes.paragraph("", f"“{claim.quote}”")
    item += quote
    link_para = nodes.paragraph()
    ref = claim_ref("", "", internal=True)
    ref["section_label"] = claim.section.label
    ref += nodes.Text(f"Read it in the source: {claim.section.title}")
    link_para += ref
    item += link_para
    return item


def _resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each claim link at the claims page or the source section, relative to this page."""
    claims = course_of(app.env).claims
    for node in doctree.findall(claim_ref):
        if "claim_id" in node:
            target_doc, anchor = CLAIMS_DOC, claims[node["claim_id"]].anchor
        else:
            target_doc, anchor = SOURCE_DOC, node["section_label"]
        try:
            uri = app.builder.get_relative_uri(docname, target_doc)
        except NoUri:  # builders without pages to link to
            uri = ""
        node["refuri"] = f"{uri}#{anchor}"


def setup(app: Sphinx) -> None:
    """Register the role, directive and link resolution."""
    app.add_node(claim_ref, override=True)
    app.add_role("claim", ClaimRole())
    app.add_directive("evidence-claims", EvidenceClaimsDirective)
    app.connect("doctree-resolved", _resolve_links)
