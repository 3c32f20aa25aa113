"""The static quiz's HTML: semantic structure, a no-JavaScript fallback, and bank text that stays text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evidence_course.model.bank import Quiz, load_bank
from evidence_course.model.words import WORDS
from evidence_course.render.quiz_html import SectionLink, json_for_script, render_quiz

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parents[1]
STATIC = REPO / "src" / "evidence_course" / "sphinx_ext" / "static"
LINKS = {"chapter-holistic": SectionLink("chapter.html#chapter-holistic", "Holistic services"),
         "chapter-limits": SectionLink("#chapter-limits", "Limits")}


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_bank(FIXTURES / "quizzes")["sample"]


@pytest.fixture(scope="module")
def soup(quiz: Quiz) -> BeautifulSoup:
    return BeautifulSoup(render_quiz(quiz, LINKS), "html.parser")


def test_one_form_with_fieldset_and_legend_per_question(quiz: Quiz, soup: BeautifulSoup) -> None:
    section = soup.select_one("section.ec-quiz[data-quiz=sample]")
    assert section is not None and section["aria-labelledby"] == "quiz-sample-title"
    forms = section.select("form.ec-q")
    assert [f["data-qid"] for f in forms] == [q.id for q in quiz.questions]
    for form, question in zip(forms, quiz.questions, strict=True):
        assert form["data-hash"] == question.content_hash
        fieldset = form.find("fieldset")
        legend = fieldset.find("legend", recursive=False)
        assert legend is not None and legend.get_text(strip=True)
        assert form["aria-labelledby"] == legend["id"]


def test_every_control_has_a_label(soup: BeautifulSoup) -> None:
    controls = soup.select("form.ec-q input, form.ec-q select")
    assert len(controls) == 3 + 4 + 2 + 3
    for control in controls:
        label = soup.select_one(f'label[for="{control["id"]}"]')
        assert label is not None and label.get_text(strip=True), control["id"]
    assert {c["type"] for c in soup.select("#q-sm-single input")} == {"radio"}
    assert {c["type"] for c in soup.select("#q-sm-multiple input")} == {"checkbox"}
    assert {c["type"] for c in soup.select("#q-sm-truefalse input")} == {"radio"}
    selects = soup.select("#q-sm-sort select")
    assert all([o["value"] for o in s.find_all("option")] == ["", "works", "doesnt"] for s in selects)


def test_buttons_and_polite_status_region(soup: BeautifulSoup) -> None:
    for form in soup.select("form.ec-q"):
        status = form.select_one('[role="status"]')
        assert status is not None and status["aria-live"] == "polite"
        assert form.select_one("button.ec-check[type=submit]").get_text() == "Check answer"
        assert form.select_one("button.ec-retry[type=button]").get_text() == "Try again"
        assert form.select_one("button.ec-show[type=button]").get_text() == "Show answer"
        after = form.select_one(".ec-after")
        assert after.has_attr("hidden") and after["tabindex"] == "-1" and after["aria-label"]
        # Without JavaScript the buttons could do nothing, so they start hidden (quiz.js shows them).
        assert form.select_one(".ec-actions").has_attr("hidden")
        assert all(fb.has_attr("hidden") for fb in form.select(".ec-fb"))


def test_no_javascript_fallback_shows_answer_and_explanation(quiz: Quiz, soup: BeautifulSoup) -> None:
    single = soup.select_one("#q-sm-single")
    details = single.select_one("details.ec-fallback")
    assert details is not None and not details.has_attr("open")
    assert details.summary.get_text(strip=True) == "Show the answer and explanation"
    answer = details.select_one(".ec-answer").get_text(" ", strip=True)
    assert "Integrated, holistic, person-centred services" in answer and "Signposting" not in answer
    assert quiz.questions[0].explanation in details.get_text()
    link = details.select_one(".ec-teach a")
    assert link["href"] == "chapter.html#chapter-holistic" and link.get_text() == "Holistic services"
    # The explanation and the answer appear nowhere else (nothing visible gives the key away).
    outside = [el for el in single.find_all(string=True) if not el.find_parent("details")]
    assert quiz.questions[0].explanation not in "".join(outside)
    sort_answer = soup.select_one("#q-sm-sort details .ec-answer").get_text(" ", strip=True)
    assert "Signposting only: Does not work well" in sort_answer
    multiple = soup.select_one("#q-sm-multiple details .ec-answer").get_text(" ", strip=True)
    assert "Housing" in multiple and "Legal advice" in multiple and "Fines" not in multiple


def test_scenario_is_labelled_fictional(soup: BeautifulSoup) -> None:
    box = soup.select_one("#q-sm-single aside.ec-scenario")
    assert box["aria-label"] == "Illustrative scenario (fictional)"
    assert box.select_one(".ec-scenario-label").get_text() == "Illustrative scenario (fictional)"
    assert soup.select_one("#q-sm-single fieldset")["aria-describedby"] == box["id"]


def test_quiz_data_and_words_for_the_script(quiz: Quiz, soup: BeautifulSoup) -> None:
    scripts = soup.find_all("script")
    assert [(s["type"], s["class"]) for s in scripts] == [("application/json", ["ec-quiz-data"]),
                                                          ("application/json", ["ec-words"])]
    assert json.loads(scripts[1].string) == WORDS  # quiz.js speaks with the words Python uses
    data = json.loads(scripts[0].string)
    assert data["questions"]["sm-multiple"] == {
        "type": "multiple", "hash": quiz.questions[1].content_hash,
        "options": ["housing", "parenting", "fines", "legal"], "key": ["housing", "parenting", "legal"]}
    assert data["questions"]["sm-sort"]["items"][1] == ["signpost", "doesnt"]


def test_json_for_script_cannot_close_the_script() -> None:
    text = json_for_script({"x": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script> & <!--"}


def test_hostile_bank_text_is_escaped() -> None:
    hostile = load_bank(FIXTURES / "hostile")["hostile"]
    html = render_quiz(hostile, LINKS)
    soup = BeautifulSoup(html, "html.parser")
    assert "<script>alert" not in html and "<b onmouseover" not in html and "<img" not in html
    assert [s["type"] for s in soup.find_all("script")] == ["application/json"] * 2
    for element in soup.find_all(True):
        assert not any(attr.startswith("on") for attr in element.attrs), element
        assert "javascript:" not in element.get("href", "")
    assert soup.find_all("b") == [] and soup.find_all("img") == []
    text = soup.get_text()
    for payload in ("Prompt <script>alert(1)</script>\" onmouseover=\"x",
                    "Option <script>alert(1)</script>\" onmouseover=\"x",
                    "Feedback <script>alert(1)</script>\" onmouseover=\"x",
                    "Explanation <script>alert(1)</script>\" onmouseover=\"x",
                    "Scenario <script>alert(1)</script>\" onmouseover=\"x",
                    "Item feedback <script>alert(1)</script>\" onmouseover=\"x",
                    "Cat <script>alert(1)</script>\" onmouseover=\"x"):
        assert payload in text, payload  # shown to the learner as text


def test_options_are_in_authored_order_without_javascript(quiz: Quiz, soup: BeautifulSoup) -> None:
    """The no-JS page (and the <details> answer) keep the bank's order; quiz.js shuffles per learner."""
    for question in quiz.questions:
        rows = [row["data-id"] for row in soup.select(f"#q-{question.id} .ec-row")]
        authored = [o.id for o in question.options or []] or [i.id for i in question.items or []]
        assert rows == authored, question.id


def test_feedback_never_names_an_option_by_letter() -> None:
    """Options are shuffled per learner, so "option b" or "(c)" in feedback would point at the wrong one."""
    letter = re.compile(r"\b(options?|answers?|choices?)\s+\(?[a-f]\)?(?![\w'])|\([a-f]\)", re.IGNORECASE)
    bank = load_bank(REPO / "quizzes")
    found = [f"{q.id}: {text!r}" for quiz in bank.values() for q in quiz.questions
             for text in [q.prompt, q.explanation, *[o.feedback for o in q.options or []],
                          *[o.text for o in q.options or []], *[i.feedback for i in q.items or []]]
             if letter.search(text)]
    assert not found, "\n".join(found)
    assert letter.search("As option b says") and letter.search("Answer (c) is right")


def test_sources_are_readable_and_loadable_without_a_browser() -> None:
    js, css = (STATIC / "quiz.js").read_text(), (STATIC / "quiz.css").read_text()
    assert js.startswith("// @ts-check") and "module.exports" in js
    assert "classList" in js and "CSS.escape" in js
    assert "http" not in js.replace("https://", "").replace("http://", "")
    assert "@media print" in css and ":focus-visible" in css and "var(--ec-line)" in css
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", css), "colours come from the course palette (course.css)"
