"""Export the quiz bank for learning platforms: Moodle GIFT and Moodle XML.

``course exports`` (``make exports``) writes ``quizzes.gift`` and
``quizzes-moodle.xml`` into ``<build dir>/exports/``. Each quiz becomes one question-bank category;
every option keeps its feedback; ``categorise`` questions become matching questions (their per-item
feedback goes into the general feedback, as Moodle's matching type has no per-pair feedback).

Grading fractions come from one place, :func:`option_fractions`, and follow the course's grading rule
(:mod:`evidence_course.grading`): a keyed option earns ``100/len(key)``; in a "select all that apply"
question each wrong option costs the same amount, and Moodle floors a question's total at zero, just as
``grading`` scores ``max(0, found - wrong) / total``.

Text goes through :mod:`evidence_course.markup` (Markdown to HTML, raw HTML shown as text), so
``<script>`` in the bank arrives as ``&lt;script&gt;``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

from ..folders import replacing
from ..model.bank import Question, QuestionType, Quiz
from ..model.evidence import Claim
from . import markup

GIFT_SPECIAL = "~=#{}:"
#: Category under which every quiz's category sits in the question bank.
TOP_CATEGORY = "Evidence course"
GIFT_FILE = "quizzes.gift"
XML_FILE = "quizzes-moodle.xml"


def fraction_text(value: float) -> str:
    """A grade fraction as Moodle writes it: up to 5 decimals, no trailing zeros (``33.33333``)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def option_fractions(question: Question) -> dict[str, float]:
    """Percent credit for each option of a choice question, consistent with :mod:`grading`.

    single/truefalse: the key 100, every other option 0. multiple: each keyed option ``100/n`` and
    each other option ``-100/n`` (``n`` = number of keyed options).
    """
    if question.type is QuestionType.CATEGORISE:
        raise ValueError(f"{question.id}: a categorise question has no options")
    keys = question.keys
    share = 100.0 / len(keys)
    if question.type is QuestionType.MULTIPLE:
        return {o.id: share if o.id in keys else -share for o in question.options or []}
    return {o.id: 100.0 if o.id in keys else 0.0 for o in question.options or []}


def moodle_score(question: Question, chosen: list[str]) -> float:
    """The score (0–1) Moodle gives for ``chosen`` options under :func:`option_fractions`."""
    fractions = option_fractions(question)
    return max(0.0, min(100.0, sum(fractions[c] for c in chosen))) / 100.0


# --------------------------------------------------------------------------------------------- text
def html_inline(text: str | None) -> str:
    """Bank Markdown as one line of inline HTML."""
    return " ".join(str(markup.inline(text)).split())


def question_html(question: Question) -> str:
    """The question text: the labelled fictional scenario (if any) and the prompt."""
    parts = []
    if question.scenario:
        label = "<strong>Illustrative scenario (fictional):</strong>"
        parts.append(f"<p>{label} {html_inline(question.scenario)}</p>")
    parts.append(f"<p>{html_inline(question.prompt)}</p>")
    if question.type is QuestionType.MULTIPLE:
        parts.append("<p>Select all that apply.</p>")
    return "".join(parts)


def general_feedback_html(question: Question, known: Mapping[str, Claim]) -> str:
    """The explanation, the per-item feedback of a categorise question, and the evidence it rests on."""
    parts = [f"<p>{html_inline(question.explanation)}</p>"]
    if question.type is QuestionType.CATEGORISE:
        cats = {c.id: c.text for c in question.categories or []}
        items = "".join(
            f"<li>{html_inline(i.text)} ({html_inline(cats[i.category])}): {html_inline(i.feedback)}</li>"
            for i in question.items or []
        )
        parts.append(f"<ul>{items}</ul>")
    quotes = "".join(
        f"<li>{cid}: “{html_inline(known[cid].quote)}”</li>" for cid in question.all_claims if cid in known
    )
    parts.append("<p>Evidence (HMPPS summary, “Sex workers convicted of crime”):</p>" + f"<ul>{quotes}</ul>")
    return "".join(parts)


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``~ = # { } :``) and backslashes; newlines become ``\\n``."""
    out = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r", "").replace("\n", "\\n")


# --------------------------------------------------------------------------------------------- GIFT
def gift_question(question: Question, known: Mapping[str, Claim]) -> str:
    """One question in GIFT, with per-option feedback and general feedback."""
    head = (f"// question: {question.id}\n"
            f"::{gift_escape(question.id)}::[html]{gift_escape(question_html(question))}")
    general = f"\t####{gift_escape(general_feedback_html(question, known))}\n"
    if question.type is QuestionType.TRUEFALSE:
        options = {o.id: o for o in question.options or []}
        right, wrong = options[question.keys[0]], options["false" if question.keys[0] == "true" else "true"]
        letter = "T" if question.keys[0] == "true" else "F"
        return (f"{head}{{{letter}#{gift_escape(html_inline(wrong.feedback))}"
                f"#{gift_escape(html_inline(right.feedback))}\n{general}}}\n")
    lines = []
    if question.type is QuestionType.CATEGORISE:
        cats = {c.id: c.text for c in question.categories or []}
        for item in question.items or []:
            left, right = html_inline(item.text), markup.plain(cats[item.category])
            lines.append(f"\t={gift_escape(left)} -> {gift_escape(right)}")
    else:
        fractions = option_fractions(question)
        for option in question.options or []:
            value = fractions[option.id]
            if question.type is QuestionType.SINGLE:
                mark = "=" if value == 100 else "~"
            else:
                mark = f"~%{fraction_text(value)}%"
            lines.append(f"\t{mark}{gift_escape(html_inline(option.text))}#{gift_escape(html_inline(option.feedback))}")
    return head + "{\n" + "\n".join(lines) + "\n" + general + "}\n"


def category_path(quiz: Quiz) -> str:
    """The question-bank category of a quiz (``/`` separates levels, so it is replaced in titles)."""
    return f"{TOP_CATEGORY}/{quiz.title.replace('/', '-')}"


def to_gift(bank: dict[str, Quiz], known: Mapping[str, Claim]) -> str:
    """The whole bank as GIFT: one ``$CATEGORY:`` per quiz, then its questions."""
    out = ["// Quiz bank of the evidence course, exported for Moodle (GIFT format).",
           "// Generated by `make exports` from quizzes/*.yml: edit the YAML, not this file.", ""]
    for quiz in bank.values():
        out += [f"$CATEGORY: $course$/top/{category_path(quiz)}", ""]
        for question in quiz.questions:
            out.append(gift_question(question, known))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- XML
def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, ({"format": fmt} if fmt else {}) | attrs)
    ET.SubElement(element, "text").text = value
    return element


def xml_question(question: Question, known: Mapping[str, Claim]) -> ET.Element:
    """One question as a Moodle XML ``<question>`` element."""
    qtype = {QuestionType.SINGLE: "multichoice", QuestionType.MULTIPLE: "multichoice",
             QuestionType.TRUEFALSE: "truefalse", QuestionType.CATEGORISE: "matching"}[question.type]
    element = ET.Element("question", type=qtype)
    _text(element, "name", question.id, fmt=None)
    _text(element, "questiontext", question_html(question))
    _text(element, "generalfeedback", general_feedback_html(question, known))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0" if qtype == "truefalse" else "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    if question.type is QuestionType.CATEGORISE:
        ET.SubElement(element, "shuffleanswers").text = "true"
        cats = {c.id: c.text for c in question.categories or []}
        for item in question.items or []:
            sub = _text(element, "subquestion", html_inline(item.text))
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = markup.plain(cats[item.category])
        return element
    fractions = option_fractions(question)
    if qtype == "multichoice":
        ET.SubElement(element, "single").text = "true" if question.type is QuestionType.SINGLE else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
    for option in question.options or []:
        if qtype == "truefalse":
            answer = _text(element, "answer", option.id, fmt="moodle_auto_format",
                           fraction=fraction_text(fractions[option.id]))
        else:
            answer = _text(element, "answer", html_inline(option.text),
                           fraction=fraction_text(fractions[option.id]))
        _text(answer, "feedback", html_inline(option.feedback))
    return element


def to_moodle_xml(bank: dict[str, Quiz], known: Mapping[str, Claim]) -> str:
    """The whole bank as Moodle XML: a category question before each quiz's questions."""
    root = ET.Element("quiz")
    root.append(ET.Comment(" Quiz bank of the evidence course. Generated by `make exports` from "
                           "quizzes/*.yml: edit the YAML, not this file. "))
    for quiz in bank.values():
        category = ET.SubElement(root, "question", type="category")
        _text(category, "category", f"$course$/top/{category_path(quiz)}", fmt=None)
        _text(category, "info", html_inline(quiz.intro or quiz.title))
        for question in quiz.questions:
            root.append(xml_question(question, known))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------------------- output
def write_exports(out_dir: Path, bank: dict[str, Quiz], known: Mapping[str, Claim]) -> dict[str, Path]:
    """Write both exports into ``out_dir`` all at once (a failure leaves the previous ones untouched)."""
    with replacing(out_dir) as tmp:
        (tmp / GIFT_FILE).write_text(to_gift(bank, known), encoding="utf-8")
        (tmp / XML_FILE).write_text(to_moodle_xml(bank, known), encoding="utf-8")
    return {"gift": out_dir / GIFT_FILE, "xml": out_dir / XML_FILE}
