"""Practice tools: the course's own practical guidance, kept as data in ``practice/<tool id>.yml``.

A tool (a supported referral routine, supervision questions, a local service map, guidance on consent and
recording, a reflective log) is course guidance, not evidence. Each file names the claims of
``evidence/claims.yml`` the tool puts into practice and cites every one of them in its ``evidence``
text; the guidance itself is split into parts, each with Markdown text and fields a member of staff
fills in (in the browser, or on the printed sheet; the models are in
:mod:`evidence_course.model.practice_schema`). A part with ``rows`` repeats its fields for each
row (for example, once for each of the ten service areas the summary lists).

The loader checks, beyond the schema: the file name matches the id; ids are unique; claims exist, are
all cited in ``evidence`` and nothing else is cited; a text that mentions violence or trauma has a
content note; and the text names no policy, figure or threshold (the course points staff to their own
organisation's procedures instead) and follows the course's wording rules
(:mod:`evidence_course.model.wording`). Every problem reads ``file:line: [tool id] problem. Fix: ...``.

Used by the book's ``{practice-tool}`` directive, the printable handouts and the facilitator kit
(session plans name the tools they use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import wording
from .citations import CLAIM_ROLE, claim_ids_in
from .errors import CourseDataError, CourseDataErrors, errors_of, one_or_all, raise_all
from .practice_schema import Part, Reveal, Row, Tool, ToolField
from .yamlfile import line_of, load_yaml, validate

#: Words that need a content note before them.
NEEDS_CONTENT_NOTE = re.compile(r"\b(violen\w*|trauma\w*|(?<!substance )abuse\w*|exploit\w*|PTSD)\b",
                                re.IGNORECASE)
#: No figures, ages or thresholds (the source has none, and procedures are the organisation's own).
NUMBER = re.compile(r"\d")
#: Named laws, frameworks and procedures: tools point to "your organisation's procedures" instead.
POLICY_NAME = re.compile(
    r"\b([A-Z][a-z]+ )+Act\b|Policy Framework|Prison Service (Instruction|Order)|\bPSI\b|\bPSO\b|\bMAPPA\b"
    r"|\bMARAC\b|\bNRM\b|National Referral Mechanism|Duty to Notify|\bGDPR\b"
)


def load_tool(path: Path, claim_ids: Iterable[str]) -> Tool:
    """Load and check one tool file; raises :class:`CourseDataError` or :class:`CourseDataErrors`."""
    doc = load_yaml(path)
    tool_id = doc.get("id") if isinstance(doc, dict) else None
    try:
        tool = validate(Tool, doc, path, "practice tool")
    except (CourseDataError, CourseDataErrors) as exc:
        raise one_or_all([_named(e, tool_id) for e in errors_of(exc)]) from exc
    raise_all(list(_check(tool, doc, path, set(claim_ids))))
    return tool


def load_tools(directory: Path, claim_ids: Iterable[str]) -> dict[str, Tool]:
    """Every tool in ``directory`` (``*.yml``, in file-name order), each checked; all problems at once."""
    claim_ids = set(claim_ids)
    tools: dict[str, Tool] = {}
    errors: list[CourseDataError] = []
    for path in sorted(directory.glob("*.yml")):
        try:
            tool = load_tool(path, claim_ids)
        except (CourseDataError, CourseDataErrors) as exc:
            errors += errors_of(exc)
        else:
            tools[tool.id] = tool
    raise_all(errors)
    return tools


def _named(error: CourseDataError, tool_id: Any) -> CourseDataError:
    """Schema errors name the innermost id (a field's); put the tool's id first, as the other checks do."""
    if not isinstance(tool_id, str) or error.item in (None, tool_id):
        item = tool_id if isinstance(tool_id, str) else error.item
    else:
        item = f"{tool_id}/{error.item}"
    return CourseDataError(error.file, error.line, error.problem, item=item, fix=error.fix)


def _line_in_file(path: Path, start: int | None, needle: str) -> int | None:
    """The first line at or after ``start`` that holds ``needle`` (a block of text spans many lines)."""
    if start is None or not needle:
        return start
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in range(start, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start


def _check(tool: Tool, doc: Any, path: Path, claim_ids: set[str]) -> Iterator[CourseDataError]:
    def fail(loc: list[str | int], problem: str, fix: str, needle: str = "") -> CourseDataError:
        line = _line_in_file(path, line_of(doc, loc), needle)
        return CourseDataError(path, line, problem, item=tool.id, fix=fix)

    if tool.id != path.stem:
        yield fail(["id"], f"the id {tool.id!r} is not the file name {path.stem!r}",
                   f"rename the file to {tool.id}.yml or set `id: {path.stem}`")
    yield from _unique(fail, ["parts"], [p.id for p in tool.parts], "part")
    for i, part in enumerate(tool.parts):
        yield from _unique(fail, ["parts", i, "fields"], [f.id for f in part.fields], "field")
        yield from _unique(fail, ["parts", i, "rows"], [r.id for r in part.rows], "row")
        if part.rows and not part.fields:
            yield fail(["parts", i, "rows"], f"part {part.id!r} has rows but no fields to repeat",
                       "add `fields:` for each row, or write the rows as text")
    if not tool.field_keys():
        yield fail(["parts"], "the tool has nothing to fill in",
                   "add at least one field, so the tool can be filled in, saved and printed")
    # Claims: known; the ones listed are cited in `evidence` (or name a row); nothing else is cited.
    shown = set(claim_ids_in(tool.evidence)) | {row.claim for part in tool.parts for row in part.rows}
    for n, claim in enumerate(tool.claims):
        if claim not in claim_ids:
            yield fail(["claims", n], f"unknown claim id {claim!r}", "use an id from evidence/claims.yml")
        elif claim not in shown:
            yield fail(["claims", n], f"claim {claim!r} is listed but not cited in `evidence`",
                       "say what the summary says and cite it there with {claim}`" + claim + "`")
    for claim in tool.cited():
        if claim not in tool.claims:
            where = _where_cited(tool, claim)
            yield fail(where, f"{claim!r} is cited but not listed in `claims`",
                       f"add {claim} to `claims:` (and cite it in `evidence`), or remove the citation",
                       needle=claim)
    # Words: content note, no figures or named policies, respectful and accurate wording.
    mentions = [text for _loc, text in tool.texts() if NEEDS_CONTENT_NOTE.search(text)]
    if mentions and not tool.content_note:
        word = NEEDS_CONTENT_NOTE.search(mentions[0]).group(0)  # type: ignore[union-attr]
        yield fail(["title"], f"the tool mentions {word!r} but has no content note",
                   "add `content_note:` saying what the page discusses")
    for loc, text in tool.texts():
        yield from _words(fail, loc, text)


def _words(fail: Any, loc: list[str | int], text: str) -> Iterator[CourseDataError]:
    plain = CLAIM_ROLE.sub("", text)
    number = NUMBER.search(plain)
    if number:
        yield fail(loc, f"a figure in course guidance: {_around(plain, number)!r}",
                   "give no figures, ages, times or thresholds: point to the person's own organisation's "
                   "procedures instead", needle=_word_at(plain, number))
    policy = POLICY_NAME.search(plain)
    if policy:
        yield fail(loc, f"a named law, policy or procedure: {_around(plain, policy)!r}",
                   "do not name policies (the source names none): say 'your organisation's safeguarding "
                   "procedures' or similar", needle=policy.group(0).split()[-1])
    banned = wording.BANNED.search(plain)
    if banned:
        yield fail(loc, f"wording {banned.group(0)!r} is not used in the course",
                   "no statistics; use respectful words such as 'people who sell sex'",
                   needle=_word_at(plain, banned))
    for problem in wording.problems(text):
        yield fail(loc, f"wording rule {problem.rule}: {problem.found!r}", problem.fix,
                   needle=" ".join(problem.found.split()[:3]))


def _around(text: str, match: re.Match[str]) -> str:
    return " ".join(text[max(0, match.start() - 25): match.end() + 25].split())


def _word_at(text: str, match: re.Match[str]) -> str:
    """The whole word around ``match`` (to find its line in the file)."""
    start = text.rfind(" ", 0, match.start()) + 1
    end = text.find(" ", match.end())
    return text[start: end if end >= 0 else len(text)].strip(".,;:()\"'")


def _unique(fail: Any, loc: list[str | int], ids: list[str], what: str) -> Iterator[CourseDataError]:
    seen: set[str] = set()
    for n, item in enumerate(ids):
        if item in seen:
            yield fail(loc + [n, "id"], f"duplicate {what} id {item!r}", f"give each {what} its own id")
        seen.add(item)


def _where_cited(tool: Tool, claim: str) -> list[str | int]:
    for loc, text in tool.texts():
        if claim in claim_ids_in(text):
            return loc
    for i, part in enumerate(tool.parts):
        for j, row in enumerate(part.rows):
            if row.claim == claim:
                return ["parts", i, "rows", j, "claim"]
    return ["claims"]




__all__ = [
    "CLAIM_ROLE", "Part", "Reveal", "Row", "Tool", "ToolField", "claim_ids_in", "load_tool", "load_tools",
]
