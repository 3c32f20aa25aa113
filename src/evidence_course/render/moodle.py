"""Export the quiz bank for learning platforms: Moodle GIFT and Moodle XML.

``course exports`` (``make exports``) writes ``quizzes.gift`` and ``quizzes-moodle.xml`` into
``<build dir>/exports/``. Both files import into Moodle as the same questions: each quiz becomes one
question-bank category, each question keeps its bank id as Moodle's *ID number*, every option keeps its
feedback, and ``categorise`` questions become matching questions (their per-item feedback goes into the
general feedback, as Moodle's matching type has no per-pair feedback).

What Moodle's importers (``question/format/gift/format.php``, ``question/format/xml/format.php`` and
``question/format.php``) do with each file decides what is written here:

- **Penalty** (what a wrong try costs in adaptive/interactive quizzes): GIFT has no syntax for it, so
  its importer gives true/false questions 1 and every other type 0.3333333; the XML says the same values
  (:data:`PENALTY`), which is also what Moodle's own true/false form fixes.
- **ID numbers**: ``// [id:...]`` comment lines in GIFT, ``<idnumber>`` in XML.
- **Standard instruction**: GIFT-imported multiple-choice questions never show Moodle's "Select one or
  more:"; the XML says ``<showstandardinstruction>0</showstandardinstruction>`` (its importer reads a
  missing element as 1). The course's own hint ("Select all that apply.") is in the question text.
- **Format markers**: GIFT reads a text that starts with ``[plain]``, ``[html]``, ``[moodle]`` or
  ``[markdown]`` as a format marker and drops it, so every GIFT text here starts with ``[html]``.
- **Category names**: neither importer unescapes a category path except for ``//`` (a ``/`` inside a
  name, as Moodle's own exporter writes it); GIFT's ``$CATEGORY:`` line is read after its escapes
  ``\\\\ \\: \\# ...`` are turned into placeholders that are never turned back, so only backslashes are
  escaped there (doubled) and nothing else.
- **Category descriptions**: only the XML can carry one (``<info>``); GIFT has no syntax for it.

Grading fractions come from one place, :func:`option_fractions`, and follow the course's grading rule
(:mod:`evidence_course.model.grading`): a keyed option earns ``100/len(key)``; in a "select all that
apply" question each wrong option costs the same amount, and Moodle floors a question's total at zero,
just as ``grading`` scores ``max(0, found - wrong) / total``.

Text goes through :mod:`evidence_course.render.markup` (Markdown to HTML, raw HTML shown as text) and
the HTML is built by two Jinja templates (``templates/moodle-*.html.j2``), so ``<script>`` in the bank
arrives as ``&lt;script&gt;``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

from markupsafe import Markup

from ..model import words
from ..model.bank import Question, QuestionType, Quiz
from ..model.evidence import Claim
from . import markup
from .quiz_html import template_env

GIFT_SPECIAL = "~=#{}:"
#: Category under which every quiz's category sits in the question bank.
TOP_CATEGORY = "Evidence course"
GIFT_FILE = "quizzes.gift"
XML_FILE = "quizzes-moodle.xml"
#: Moodle question type of each course question type.
MOODLE_TYPE = {QuestionType.SINGLE: "multichoice", QuestionType.MULTIPLE: "multichoice",
               QuestionType.TRUEFALSE: "truefalse", QuestionType.CATEGORISE: "matching"}
#: What a wrong try costs in Moodle's adaptive/interactive behaviours, by Moodle type: what the GIFT
#: importer sets (true/false 1, every other type its default 0.3333333), written into the XML too.
PENALTY = {"multichoice": "0.3333333", "truefalse": "1", "matching": "0.3333333"}


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
    """Bank Markdown as one line of inline HTML (a plain ``str``: ElementTree and GIFT escape it)."""
    return " ".join(str(markup.inline(text)).split())


def _safe_html(text: str | None) -> Markup:
    """:func:`html_inline` marked safe for the templates (it is: raw HTML in the bank is shown as text)."""
    return Markup(html_inline(text))


def _render_one_line(template: str, **context: object) -> str:
    """Render a ``templates/moodle-*.html.j2`` template and join its lines into one."""
    text = template_env().get_template(template).render(html=_safe_html, **context)
    return "".join(line.strip() for line in text.splitlines())


def question_html(question: Question) -> str:
    """The question text: the labelled fictional scenario (if any), the prompt and the course's hint."""
    return _render_one_line("moodle-question.html.j2", scenario=question.scenario, prompt=question.prompt,
                            hint=words.hint(question.type.value))


def general_feedback_html(question: Question, known: Mapping[str, Claim]) -> str:
    """The explanation, the per-item feedback of a categorise question, and the evidence it rests on."""
    cats = {c.id: c.text for c in question.categories or []}
    items = [{"text": i.text, "category": cats[i.category], "feedback": i.feedback}
             for i in question.items or []]
    claims = [known[cid] for cid in question.all_claims if cid in known]
    return _render_one_line("moodle-feedback.html.j2", explanation=question.explanation, items=items,
                            claims=claims)


def category_name(quiz: Quiz) -> str:
    """The quiz's question-bank category: its title as plain text on one line (what readers see)."""
    return " ".join(markup.plain(" ".join(quiz.title.split())).split())


def category_path(quiz: Quiz) -> str:
    """The category path of a quiz, as Moodle assembles one: ``/`` between levels, ``//`` for a ``/``
    inside a name (a name starting or ending with ``/`` gets a space there, which Moodle trims)."""
    names = ["$course$", "top", TOP_CATEGORY, category_name(quiz)]
    escaped = []
    for name in names:
        name = name.replace("/", "//")
        escaped.append((" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else ""))
    return "/".join(escaped)


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``~ = # { } :``) and backslashes; newlines become ``\\n``."""
    out = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r", "").replace("\n", "\\n")


def gift_html(text: str) -> str:
    """An HTML text for a GIFT field: explicitly ``[html]`` (so a text starting with a format marker
    keeps it), then escaped."""
    return "[html]" + gift_escape(text)


# --------------------------------------------------------------------------------------------- GIFT
def gift_question(question: Question, known: Mapping[str, Claim]) -> str:
    """One question in GIFT: a comment with its id number, per-option feedback and general feedback."""
    id_number = question.id.replace("]", "\\]")  # inside [id:...], Moodle reads a backslash-] as ]
    head = (f"// question: {question.id}\n"
            f"// [id:{id_number}]\n"
            f"::{gift_escape(question.id)}::{gift_html(question_html(question))}")
    general = f"\t####{gift_html(general_feedback_html(question, known))}\n"
    if question.type is QuestionType.TRUEFALSE:
        options = {o.id: o for o in question.options or []}
        key, other = options[question.keys[0]], options["false" if question.keys[0] == "true" else "true"]
        letter = "T" if question.keys[0] == "true" else "F"
        return (f"{head}{{{letter}#{gift_html(html_inline(other.feedback))}"
                f"#{gift_html(html_inline(key.feedback))}\n{general}}}\n")
    lines = []
    if question.type is QuestionType.CATEGORISE:
        cats = {c.id: c.text for c in question.categories or []}
        for item in question.items or []:
            left, right = html_inline(item.text), markup.plain(cats[item.category])
            lines.append(f"\t={gift_html(left)} -> {gift_escape(right)}")
    else:
        fractions = option_fractions(question)
        for option in question.options or []:
            value = fractions[option.id]
            if question.type is QuestionType.SINGLE:
                mark = "=" if value == 100 else "~"
            else:
                mark = f"~%{fraction_text(value)}%"
            lines.append(f"\t{mark}{gift_html(html_inline(option.text))}"
                         f"#{gift_html(html_inline(option.feedback))}")
    return head + "{\n" + "\n".join(lines) + "\n" + general + "}\n"


def gift_category_line(quiz: Quiz) -> str:
    """``$CATEGORY:`` and the path; Moodle unescapes nothing there but ``\\\\`` (a backslash)."""
    return "$CATEGORY: " + category_path(quiz).replace("\\", "\\\\")


def to_gift(bank: dict[str, Quiz], known: Mapping[str, Claim]) -> str:
    """The whole bank as GIFT: one ``$CATEGORY:`` per quiz, then its questions."""
    out = ["// Quiz bank of the evidence course, exported for Moodle (GIFT format).",
           "// Generated by `make exports` from quizzes/*.yml: edit the YAML, not this file.",
           "// GIFT cannot carry category descriptions: import quizzes-moodle.xml to get them.", ""]
    for quiz in bank.values():
        out += [gift_category_line(quiz), ""]
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
    qtype = MOODLE_TYPE[question.type]
    element = ET.Element("question", type=qtype)
    _text(element, "name", question.id, fmt=None)
    _text(element, "questiontext", question_html(question))
    _text(element, "generalfeedback", general_feedback_html(question, known))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = PENALTY[qtype]
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
        ET.SubElement(element, "showstandardinstruction").text = "0"
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
    """The whole bank as Moodle XML: a category question (with its description) before each quiz's."""
    root = ET.Element("quiz")
    root.append(ET.Comment(" Quiz bank of the evidence course. Generated by `make exports` from "
                           "quizzes/*.yml: edit the YAML, not this file. "))
    for quiz in bank.values():
        category = ET.SubElement(root, "question", type="category")
        _text(category, "category", category_path(quiz), fmt=None)
        _text(category, "info", html_inline(quiz.intro or quiz.title))
        for question in quiz.questions:
            root.append(xml_question(question, known))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------------------- output
def write_exports(out_dir: Path, bank: dict[str, Quiz], known: Mapping[str, Claim]) -> dict[str, Path]:
    """Write both exports into ``out_dir``, each replacing its previous file only once both are written
    (other files there, such as the SCORM package, are left alone)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {"gift": (GIFT_FILE, to_gift(bank, known)), "xml": (XML_FILE, to_moodle_xml(bank, known))}
    staged = {}
    try:
        for kind, (name, text) in texts.items():
            tmp = out_dir / f".{name}.tmp-{os.getpid()}"
            tmp.write_text(text, encoding="utf-8")
            staged[kind] = (tmp, out_dir / name)
        for tmp, final in staged.values():
            tmp.replace(final)
    finally:
        for tmp, _ in staged.values():
            tmp.unlink(missing_ok=True)
    return {kind: final for kind, (_, final) in staged.items()}
