"""Claims cited in the course's own text with the ``{claim}`id``` role (kit notes, practice tools)."""

from __future__ import annotations

import re

#: The ``{claim}`id``` role in Markdown text; the group ``id`` is the claim id.
CLAIM_ROLE = re.compile(r"\{claim\}`(?P<id>[^`]+)`")


def claim_ids_in(text: str | None) -> list[str]:
    """Claim ids cited with ``{claim}`id``` in ``text``, in order, without repeats."""
    return list(dict.fromkeys(m.group("id").strip() for m in CLAIM_ROLE.finditer(text or "")))


def plain_citations(text: str | None, style: str = "[{id}]") -> str:
    """``text`` with each ``{claim}`id``` replaced by ``style`` (e.g. for print, where roles do not work)."""
    return CLAIM_ROLE.sub(lambda m: style.format(id=m.group("id").strip()), text or "")
