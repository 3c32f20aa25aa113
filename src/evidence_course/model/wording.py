"""Wording rules for the course's own text: say what the source says, no more, in respectful words.

The HMPPS summary's own term is "sex workers"; the course's own words are "people who sell sex" or
"people involved in sex work". These rules catch the ways course text has drifted from the source:
attributing the course's words to the summary, calling "sex workers" person-first, dropping "Studies
report", promising that what people share "stays in the room" without its exception, claiming anything
about reoffending (the summary makes no such claim), misstating the summary's own verbs, spelling
out "LGBTQ" in different ways, and telling learners that their quiz answers never leave the browser
without saying that a learning platform delivering the SCORM package receives them.

:func:`problems` works on one piece of text (a chapter, a YAML string) and returns every
:class:`WordingProblem` with its line in that text, so callers (tests, the facilitator kit, the
practice tools) can name the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: How the course spells out LGBTQ, everywhere (the summary uses the abbreviation without expanding it).
LGBTQ_EXPANSION = "lesbian, gay, bisexual, transgender, and queer or questioning"
#: Wording the course never uses in its own voice: no statistics (the source has none), and no
#: stigmatising words (the facilitator kit and the practice tools refuse it).
BANNED = re.compile(r"prostitut|%|\bpercent", re.IGNORECASE)


@dataclass(frozen=True)
class WordingProblem:
    """One breach of a wording rule: where (1-based line in the text checked), what, and the fix."""

    line: int
    rule: str
    found: str
    fix: str

    def __str__(self) -> str:
        return f"line {self.line}: [{self.rule}] {self.found!r}. Fix: {self.fix}"


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int  # offset in the checked text
    following: str  # the next sentence (for rules that allow the exception to come straight after)


_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(*_]*[A-Z0-9{])|(?<=;)\s+|\n\s*\n|\n\s*(?:[-*]|\d+\.)\s")
_MARKUP = re.compile(r"\{claim\}`[^`]*`|[*_`]")


def _sentences(text: str) -> list[_Sentence]:
    """Sentences (or list items, or paragraphs) of ``text`` with their offsets; roles and emphasis kept."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    flat = [(" ".join(text[a:b].split()), a) for a, b in spans if text[a:b].strip()]
    return [_Sentence(s, a, flat[i + 1][0] if i + 1 < len(flat) else "") for i, (s, a) in enumerate(flat)]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- The rules ------------------------------------------------------------------------------------
# Each rule looks at one sentence and returns the words that break it (or None).


def _found_unless(*found: re.Pattern[str], unless: re.Pattern[str],
                  or_next: bool = False) -> Callable[[_Sentence], str | None]:
    """A rule broken by a sentence that every ``found`` pattern matches and ``unless`` does not (nor, with
    ``or_next``, the sentence straight after); the whole sentence is what it reports."""

    def check(s: _Sentence) -> str | None:
        if not all(pattern.search(s.text) for pattern in found) or unless.search(s.text):
            return None
        return None if or_next and unless.search(s.following) else s.text

    return check


# "people who sell sex" is the course's phrase: never present it as the summary's.
_attributed_to_summary = _found_unless(
    re.compile(r"people who sell sex", re.IGNORECASE),
    re.compile(
        r"\bas the (evidence )?summary does\b"
        r"|\bthe (evidence )?summary(['’]s)? (own )?(words?|terms?|language|phrase)\b"
        r"|\b(summary|HMPPS|source|evidence) (calls|uses|says|speaks of|refers to|describes)\b|\{claim\}`",
        re.IGNORECASE,
    ),
    unless=re.compile(
        r"\b(not|never|our own|course['’]s own|in our words)\b"
        r"|summary['’]s (own )?(term|words?)( is| are)?\W{0,3}[\"“']sex workers",
        re.IGNORECASE,
    ),
)
# "sex workers" names people by their work: it is the summary's term, not a person-first one.
_sex_workers_person_first = _found_unless(
    re.compile(r"person[- ]first", re.IGNORECASE),
    re.compile(r"\bsex workers?\b", re.IGNORECASE),
    unless=re.compile(r"\bnot\b[^.]{0,40}person[- ]first|\bisn['’]t person[- ]first", re.IGNORECASE),
)
# "What is shared stays in the room" must carry its exception (safeguarding) in the same breath.
_room_without_exception = _found_unless(
    re.compile(r"\bstays? in the room\b", re.IGNORECASE),
    unless=re.compile(r"\b(unless|except)\b", re.IGNORECASE), or_next=True,
)
# The stigma finding is reported by studies ("Studies report that ..."): keep that attribution.
_studies_report_dropped = _found_unless(
    re.compile(r"most challenging barrier", re.IGNORECASE),
    unless=re.compile(r"\bstud(y|ies)\b", re.IGNORECASE),
)
# The summary makes no claim about reoffending; the word may appear only to say so.
_reoffending_claimed = _found_unless(
    re.compile(r"re-?offend\w*", re.IGNORECASE),
    unless=re.compile(r"\b(no claim|not|never|nothing)\b", re.IGNORECASE),
)

# Quiz answers stay in the browser only in the plain book: the SCORM package sends progress, score and
# result to the learner's learning platform, so say so in the same or the next sentence.
_browser_only_without_platform = _found_unless(
    re.compile(
        r"\b(nothing is|never|not) sent\b|\bsent anywhere\b|\bprogress starts again\b"
        r"|\b(kept|stays?|saved)( only)? in (this|your|the)( own)? browser\b"
        r"|\bonly in (this|your)( own)? browser\b",
        re.IGNORECASE),
    re.compile(r"\b(answers?|scores?|progress|results?)\b", re.IGNORECASE),
    unless=re.compile(r"\blearning platform", re.IGNORECASE), or_next=True,
)


_LGBTQ_START = re.compile(r"lesbian,\s+gay", re.IGNORECASE)
_LGBTQ_FULL = re.compile(r"\s+".join(map(re.escape, LGBTQ_EXPANSION.split())), re.IGNORECASE)


def _lgbtq_expanded_differently(s: _Sentence) -> str | None:
    """One spelling-out of LGBTQ across the course (:data:`LGBTQ_EXPANSION`)."""
    for match in _LGBTQ_START.finditer(s.text):
        if not _LGBTQ_FULL.match(s.text, match.start()):
            return s.text[match.start(): match.start() + 70]
    return None


#: Phrases that misstate what the summary is or says, with what to write instead.
MISSTATEMENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"never add new facts", re.I),
     "course notes may explain words and add context; say they 'never add new evidence'"),
    (re.compile(r"not measured in another way", re.I),
     "the source says only 'self-reported'; do not say how it was or was not measured"),
    (re.compile(r"covers the available evidence", re.I),
     "keep the source's verb: the page 'summarises the available evidence base'"),
    (re.compile(r"\bpeer[- ]reviewed\b", re.I),
     "keep the source's words: 'informed by independent academic peer review'"),
    (re.compile(r"\b(evidence|research)\b[^.]{0,40}\bis about people in prison", re.I),
     "the research is about sex workers (mostly women); the summary relates it to people in prison "
     "and on probation"),
]


def _misstatement(s: _Sentence) -> str | None:
    for pattern, _fix in MISSTATEMENTS:
        found = pattern.search(s.text)
        if found:
            return found.group(0)
    return None


def _misstatement_fix(found: str) -> str:
    return next(fix for pattern, fix in MISSTATEMENTS if pattern.search(found))


@dataclass(frozen=True)
class Rule:
    """A named wording rule: what it checks (one sentence at a time) and how to fix a breach."""

    name: str
    check: Callable[[_Sentence], str | None]
    fix: str | Callable[[str], str]


RULES: list[Rule] = [
    Rule("our-words-not-the-summary's", _attributed_to_summary,
         "'people who sell sex' is the course's phrase; the summary says 'sex workers' and 'those involved "
         "in sex work'. Say whose words they are"),
    Rule("sex-workers-is-not-person-first", _sex_workers_person_first,
         "person-first words are 'people who sell sex' or 'people involved in sex work'; 'sex workers' is "
         "the summary's term"),
    Rule("stays-in-the-room-needs-its-exception", _room_without_exception,
         "say in the same or the next sentence when it does not stay in the room (unless someone is at "
         "risk of harm: then safeguarding procedures apply)"),
    Rule("keep-studies-report", _studies_report_dropped,
         "keep the source's attribution: 'Studies report that sex workers identify ...'"),
    Rule("no-claim-about-reoffending", _reoffending_claimed,
         "the summary makes no claim about reoffending; mention it only to say so"),
    Rule("browser-only-needs-the-platform-exception", _browser_only_without_platform,
         "in the same or the next sentence, say that when an organisation delivers the course through its "
         "learning platform (the SCORM package), quiz progress, score and result are also saved there "
         "(README, 'Learning platforms'); practice-tool notes and the CPD name are never sent"),
    Rule("one-lgbtq-expansion", _lgbtq_expanded_differently, f"spell it out as '{LGBTQ_EXPANSION}'"),
    Rule("misstates-the-source", _misstatement, _misstatement_fix),
]


def problems(text: str, rules: list[Rule] | None = None) -> list[WordingProblem]:
    """Every breach of ``rules`` (default: all) in ``text``, with its line in ``text``."""
    return list(_problems(text, RULES if rules is None else rules))


def _problems(text: str, rules: list[Rule]) -> Iterator[WordingProblem]:
    for sentence in _sentences(text):
        for rule in rules:
            found = rule.check(sentence)
            if found:
                fix = rule.fix(found) if callable(rule.fix) else rule.fix
                shown = _MARKUP.sub("", found)[:160]
                yield WordingProblem(_line(text, sentence.start), rule.name, shown, fix)


__all__ = ["BANNED", "LGBTQ_EXPANSION", "MISSTATEMENTS", "RULES", "Rule", "WordingProblem", "problems"]
