"""What Moodle makes of our export files: the parts of its importers that decide a question, in Python.

Transcribed (not imported: the writer's code is never used here) from Moodle's own importers, read at
moodle/moodle ``public/question/format/gift/format.php`` (``readquestion``, ``escapedchar_pre/post``,
``parse_text_with_format``, ``extract_idnumber_and_tags_from_comment``), ``public/question/format/xml/
format.php`` (``import_headers``, ``import_multichoice``, ``import_truefalse``, ``import_match``,
``import_category``), ``public/question/format.php`` (``readquestions`` splits on blank lines,
``defaultquestion`` penalty 0.3333333, ``split_category_path``) and ``public/question/type/multichoice/
questiontype.php`` (``showstandardinstruction = !empty(...)``). Only what our files use is transcribed:
multichoice, truefalse, matching and categories. ``clean_param(PARAM_TEXT)`` on names is left out.

Each importer gives a list of :class:`Imported` questions, in the same shape, so a test can compare what
the two files become question by question.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

#: Moodle's default penalty (``qformat_default::defaultquestion``).
DEFAULT_PENALTY = 0.3333333
# GIFT escapes and the placeholders escapedchar_pre puts in their place (str_replace, in this order).
_ESCAPES = [("\\:", "&&058;", ":"), ("\\#", "&&035;", "#"), ("\\=", "&&061;", "="), ("\\{", "&&123;", "{"),
            ("\\}", "&&125;", "}"), ("\\~", "&&126;", "~"), ("\\n", "&&010", "\n")]
_GIFT_FORMATS = {"moodle", "html", "plain", "markdown"}
_XML_FORMATS = {"moodle_auto_format": "moodle", "html": "html", "plain_text": "plain",
                "wiki_like": "wiki", "markdown": "markdown"}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_ID = re.compile(r"\[id:((?:\\]|[^\]\[\x00-\x1f\x7f])+)\]")


@dataclass
class Text:
    text: str
    format: str


@dataclass
class Answer:
    text: Text
    fraction: float
    feedback: Text


@dataclass
class Imported:
    """One imported question (or a category switch, ``qtype == "category"``)."""

    qtype: str
    category: list[str] = field(default_factory=list)  # category path, split as Moodle splits it
    name: str = ""
    idnumber: str | None = None
    questiontext: Text | None = None
    generalfeedback: Text | None = None
    penalty: float = DEFAULT_PENALTY
    single: bool | None = None
    showstandardinstruction: int | None = None
    answers: list[Answer] = field(default_factory=list)  # multichoice
    correct: bool | None = None  # truefalse: is "true" the right answer
    feedbacktrue: Text | None = None
    feedbackfalse: Text | None = None
    subquestions: list[tuple[Text, str]] = field(default_factory=list)  # matching
    info: Text | None = None  # category description


def split_category_path(path: str) -> list[str]:
    """``question/format.php`` split_category_path (without PARAM_TEXT cleaning)."""
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]


# ------------------------------------------------------------------------------------------ GIFT
def escapedchar_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder, _ in _ESCAPES:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def escapedchar_post(text: str) -> str:
    for _, placeholder, char in _ESCAPES:
        text = text.replace(placeholder, char)
    return text


def parse_text_with_format(text: str, default: str = "moodle") -> Text:
    """A leading ``[plain]``/``[html]``/``[moodle]``/``[markdown]`` is a format marker and is dropped."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end] if end >= 0 else text[1:-1]
        if name in _GIFT_FORMATS:
            fmt, text = name, text[end + 1:]
    return Text(escapedchar_post(text).strip(), fmt)


def _comment_parser(answer: str, fmt: str) -> tuple[Text, Text]:
    bits = answer.split("#", 1)
    feedback = parse_text_with_format(bits[1].strip(), fmt) if len(bits) > 1 else Text("", fmt)
    return parse_text_with_format(bits[0].strip(), fmt), feedback


def gift_question(lines: list[str]) -> Imported | None:
    """``qformat_gift::readquestion`` for the types we write."""
    comments, kept = "", []
    for line in lines:
        if line.strip().startswith("//"):
            comments += line.strip() + "\n"
            kept.append(" ")
        else:
            kept.append(line)
    text = "\n".join(kept).strip()
    if not text:
        return None
    text = escapedchar_pre(text)
    if text.startswith("$CATEGORY:"):
        return Imported("category", category=split_category_path(text[10:].strip()))
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        name, text = escapedchar_post(text[:end]).strip(), text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    assert start >= 0 and finish >= 0, f"{name}: no answer braces"
    # Moodle takes the first "{" and the first "}"; anything after it would become question text.
    assert finish == len(text) - 1, f"{name}: text after the first closing brace: {text[finish:]!r}"
    answertext = text[start + 1:finish].strip()
    questiontext = text[:start]
    general = ""
    separator = answertext.rfind("####")
    if separator >= 0:
        general, answertext = answertext[separator + 4:], answertext[:separator].strip()
    q = Imported("", name=name, questiontext=parse_text_with_format(questiontext))
    q.generalfeedback = parse_text_with_format(general, q.questiontext.format)
    found = _ID.search(comments)
    q.idnumber = found.group(1).strip().replace("\\]", "]") if found else ""
    fmt = q.questiontext.format
    if "~" in answertext:
        q.qtype, q.single = "multichoice", "=" in answertext
        q.showstandardinstruction = 0  # not set by GIFT: save_question_options stores !empty(...) = 0
        answers = answertext.replace("=", "~=").split("~")
        if not answers[0].strip():
            answers = answers[1:]
        for answer in answers:
            answer = answer.strip()
            if answer.startswith("="):
                weight, answer = 1.0, answer[1:]
            elif _WEIGHT.match(answer):
                end = answer.index("%", 1)
                weight, answer = float(answer[1:end]) / 100, answer[end + 1:]
            else:
                weight = 0.0
            text_, feedback = _comment_parser(answer, fmt)
            q.answers.append(Answer(text_, weight, feedback))
    elif "=" in answertext and "->" in answertext:
        q.qtype = "matching"
        answers = answertext.split("=")
        if not answers[0].strip():
            answers = answers[1:]
        for answer in answers:
            answer = answer.strip()
            marker = answer.index("->")
            q.subquestions.append((parse_text_with_format(answer[:marker], fmt),
                                   escapedchar_post(answer[marker + 2:]).strip()))
    else:
        check = answertext.split("#", 1)[0].strip() if answertext.find("#") > 0 else answertext
        assert check in ("T", "TRUE", "F", "FALSE"), f"{name}: would import as short answer: {check!r}"
        q.qtype = "truefalse"
        bits = answertext.split("#", 2) + ["", ""]
        wrong = parse_text_with_format(bits[1].strip(), fmt)
        right = parse_text_with_format(bits[2].strip(), fmt)
        q.correct = bits[0].strip() in ("T", "TRUE")
        q.feedbacktrue, q.feedbackfalse = (right, wrong) if q.correct else (wrong, right)
        q.penalty = 1.0  # readquestion: case 'truefalse': $question->penalty = 1
    return q


def import_gift(text: str) -> list[Imported]:
    """``qformat_default::readquestions`` (blocks between blank lines) + ``readquestion``, with each
    question given the category of the last ``$CATEGORY:`` before it."""
    out, block, category = [], [], []
    for line in text.splitlines() + [""]:
        if line.strip():
            block.append(line.strip())
            continue
        question = gift_question(block) if block else None
        block = []
        if question is None:
            continue
        if question.qtype == "category":
            category = question.category
            continue
        question.category = category
        out.append(question)
    return out


# ------------------------------------------------------------------------------------------- XML
def _xml_text(element: ET.Element | None, default_format: str = "html") -> Text:
    if element is None:
        return Text("", default_format)
    fmt = _XML_FORMATS.get((element.get("format") or default_format).strip(), "html")
    return Text((element.findtext("text") or "").strip(), fmt)


def import_xml(text: str) -> list[Imported]:
    """``qformat_xml::readquestions`` for the types we write (categories switch, as in GIFT)."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    out, category = [], []
    for element in root.findall("question"):
        qtype = element.get("type")
        if qtype == "category":
            category = split_category_path((element.findtext("category/text") or "").strip())
            continue
        q = Imported("matching" if qtype == "match" else qtype, category=category,
                     name=(element.findtext("name/text") or "").strip())
        q.questiontext = _xml_text(element.find("questiontext"))
        q.generalfeedback = _xml_text(element.find("generalfeedback"), q.questiontext.format)
        q.idnumber = element.findtext("idnumber")
        penalty = float(element.findtext("penalty") or DEFAULT_PENALTY)
        q.penalty = DEFAULT_PENALTY if abs(penalty - DEFAULT_PENALTY) < 0.005 else penalty
        fmt = q.questiontext.format
        if qtype == "multichoice":
            q.single = (element.findtext("single") or "true").strip() not in ("false", "")
            q.showstandardinstruction = int(element.findtext("showstandardinstruction") or "1")
            for answer in element.findall("answer"):
                q.answers.append(Answer(_xml_text(answer, fmt), float(answer.get("fraction") or 0) / 100,
                                        _xml_text(answer.find("feedback"), fmt)))
        elif qtype == "truefalse":
            for answer in element.findall("answer"):
                feedback = _xml_text(answer.find("feedback"), fmt)
                if (answer.findtext("text") or "").strip() == "true":
                    q.correct = float(answer.get("fraction")) == 100
                    q.feedbacktrue = feedback
                else:
                    q.correct = float(answer.get("fraction")) != 100
                    q.feedbackfalse = feedback
        elif qtype in ("matching", "match"):
            for sub in element.findall("subquestion"):
                q.subquestions.append((_xml_text(sub, fmt), (sub.findtext("answer/text") or "").strip()))
        else:
            raise AssertionError(f"unexpected question type {qtype}")
        out.append(q)
    return out


def xml_categories(text: str) -> dict[tuple[str, ...], Text | None]:
    """Each category path in the XML and its description (``<info>``)."""
    root = ET.fromstring(text.encode("utf-8"))
    return {tuple(split_category_path((e.findtext("category/text") or "").strip())): _xml_text(e.find("info"))
            if e.find("info") is not None else None
            for e in root.findall("question") if e.get("type") == "category"}
