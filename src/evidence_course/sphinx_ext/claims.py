"""Claims in the book: the ``{claim}`` role that cites one, and the page that lists them all.

``{claim}`works.housing``` in a chapter becomes a small "source" link to the claim on the claims page;
the claims page (``{evidence-claims}`` directive) shows each claim's exact quote and links to its
section of the source page, so a reader gets from any statement to the evidence in one click.

Nothing is hard-wired: the claims page is whichever page holds the directive (:class:`ClaimPages`
records which claims each page lists), and a source section is found by its label through the std
domain. :class:`ClaimLinks`, a post-transform, points each link at its target once every page is read.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..model.evidence import Claim, SourceSection
from .course import PageData, course_of

logger = logging.getLogger(__name__)


class claim_ref(nodes.reference):  # noqa: N801 - docutils node naming
    """A citation of one claim (``claim_id``) or a link to a source section (``section_label``)."""


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
    item["claim_id"] = claim.id
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


class ClaimPages(PageData[list[str]]):
    """Which claims each page lists (the pages holding ``{evidence-claims}``)."""

    attr = "course_claim_pages"

    def collect(self, env: BuildEnvironment, doctree: nodes.document) -> list[str] | None:
        listed = [str(item["claim_id"]) for item in doctree.findall(nodes.list_item) if "claim_id" in item]
        return listed or None


class ClaimLinks(SphinxPostTransform):
    """Point each claim link at the page listing the claim, and each source link at its section."""

    default_priority = 20

    def run(self, **kwargs: object) -> None:
        pages = sorted(ClaimPages.of(self.env).items())
        listed_on = {claim_id: doc for doc, ids in pages for claim_id in ids}
        std = self.env.get_domain("std")
        assert isinstance(std, StandardDomain)
        claims = course_of(self.env).claims
        for node in list(self.document.findall(claim_ref)):
            if "claim_id" in node:
                target = listed_on.get(node["claim_id"])
                anchor = claims[node["claim_id"]].anchor
                if target is None and listed_on:
                    logger.warning(f"claim {node['claim_id']!r} is cited but no claims page lists it. Fix: "
                                   "drop the `:kinds:` filter that leaves it out of {evidence-claims}",
                                   location=node, type="course", subtype="claim")
            else:
                target, anchor = std.anonlabels.get(node["section_label"], (None, ""))
                if target is None:
                    logger.warning(f"no section is labelled {node['section_label']!r} for the claims page's "
                                   "source links. Fix: include evidence/source.md with its labels",
                                   location=node, type="course", subtype="claim")
            self._point(node, target, anchor)

    def _point(self, node: claim_ref, target: str | None, anchor: str) -> None:
        uri = None
        if target is not None:
            try:
                uri = self.app.builder.get_relative_uri(self.env.docname, target)
            except NoUri:  # builders without pages to link to
                uri = None
        if uri is None:  # nowhere to link to: keep the words, drop the link
            node.replace_self(nodes.inline("", "", *node.children, classes=node["classes"]))
        else:
            node["refuri"] = f"{uri}#{anchor}"


def setup(app: Sphinx) -> None:
    """Register the role, directive, the pages' claim lists and link resolution."""
    app.add_node(claim_ref, override=True)
    app.add_role("claim", ClaimRole())
    app.add_directive("evidence-claims", EvidenceClaimsDirective)
    app.add_env_collector(ClaimPages)
    app.add_post_transform(ClaimLinks)
