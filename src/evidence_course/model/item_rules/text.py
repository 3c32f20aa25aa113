"""The text measures the item-writing rules share: what a learner reads (:func:`plain_text`), its length,
its words and content words (:data:`STOP_WORDS` left out), the summary as a reader sees it, and a
true/false question's statement."""

from __future__ import annotations

import re
from pathlib import Path

from ..bank import Question

#: Words a test-wise learner skips when matching options with the summary: function words, and the
#: quiz's own words about the summary (every question uses them, so they say nothing about the key).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing don down during each few for from further had
has have having he her here hers herself him himself his how if in into is it its itself just let me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves one ones may might must shall
summary say says said according true false statement question answer option
""".split())

_TF_LEAD = re.compile(r"^\s*true\s+or\s+false\s*[?:.]?\s*", re.IGNORECASE)


def plain_text(text: str) -> str:
    """``text`` as the learner reads it: Markdown links, emphasis and code marks removed, spaces collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)[*_`]+|[*_`]+(?!\w)", "", text)
    return " ".join(text.split())


def text_length(text: str) -> int:
    """Length of an option: characters of its :func:`plain_text`."""
    return len(plain_text(text))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case runs of letters a-z in ``text`` (the tokens every other measure starts from)."""
    return re.findall(r"[a-z]+", plain_text(text).lower())


def content_words(text: str) -> set[str]:
    """The distinct content words of ``text``: tokens of 3+ letters, not stop words, lightly stemmed."""
    return {_stem(w) for w in words(text) if len(w) >= 3 and w not in STOP_WORDS}


def source_text(path: Path) -> str:
    """The summary as a reader sees it: ``source.md`` without its HTML comment, ``(label)=`` targets
    and the licence footer after the final ``---`` line."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"^\(.*\)=\s*$", "", text, flags=re.M)
    head, sep, _tail = text.rpartition("\n---\n")
    return head if sep else text


def statement_of(question: Question) -> str:
    """A true/false question's statement: its prompt without a leading "True or false?"."""
    return _TF_LEAD.sub("", question.prompt)
