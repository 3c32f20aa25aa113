"""Live workshop mode: the presenter's Python API, and Voilà serving it on loopback, nothing from a CDN."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from course_under_test import COURSE

from evidence_course.live.presenter import Presenter, bar_widths, bars_html
from evidence_course.live.voila import start_voila, stop_voila, wait_until_serving
from evidence_course.netutil import free_port
from evidence_course.render import markup


@pytest.fixture(scope="module")
def presenter() -> Presenter:
    return Presenter(COURSE, "what-works")


def test_one_question_at_a_time(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    quiz = presenter.quiz
    assert presenter.index == 0 and presenter.prev_button.disabled
    assert str(markup.inline(quiz.questions[0].prompt)) in presenter.body.value
    presenter.next()
    assert presenter.question.id == quiz.questions[1].id
    assert "Question 2 of" in presenter.position.value
    presenter.previous()
    presenter.previous()
    assert presenter.index == 0
    presenter.go(len(quiz.questions) + 5)
    assert presenter.index == len(quiz.questions) - 1 and presenter.next_button.disabled
    presenter.next_button.click()
    assert presenter.index == len(quiz.questions) - 1


def test_reveal_shows_key_explanation_and_prompts(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    q = presenter.question
    assert presenter.answer.value == "" and presenter.discussion.value == ""
    presenter.reveal_button.click()
    assert presenter.revealed
    key_text = next(o.text for o in q.options if o.id in q.keys)
    assert str(markup.inline(key_text)) in presenter.answer.value
    assert str(markup.inline(q.explanation)) in presenter.answer.value
    wrong_text = next(o.text for o in q.options if o.id not in q.keys)
    assert str(markup.inline(wrong_text)) not in presenter.answer.value
    assert presenter.prompts() and presenter.prompts()[0].text[:30] in presenter.discussion.value
    presenter.next()
    assert not presenter.revealed and presenter.answer.value == ""


def test_counts_become_bars(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    presenter.set_count("a", 2)
    presenter.count_boxes["d"].value = 8  # typed into the box
    assert presenter.counts == {"a": 2, "b": 0, "c": 0, "d": 8}
    assert bar_widths(presenter.counts) == {"a": 25.0, "b": 0.0, "c": 0.0, "d": 100.0}
    assert "width:25.0%" in presenter.bars.value and "width:100.0%" in presenter.bars.value
    presenter.next()
    presenter.previous()
    assert presenter.counts["d"] == 8, "counts stay with their question"
    with pytest.raises(KeyError):
        presenter.set_count("zz", 1)
    presenter.set_count("a", -4)
    assert presenter.counts["a"] == 0


def test_bars_with_no_votes_and_categorise() -> None:
    assert bar_widths({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}
    assert 'aria-label="A: 0 hands"' in bars_html({"a": "A"}, {"a": 0})
    p = Presenter(COURSE, "what-works")
    sort_index = next(i for i, q in enumerate(p.quiz.questions) if q.type.value == "categorise")
    p.go(sort_index)
    assert set(p.choices) == {c.id for c in p.question.categories}
    p.reveal()
    for item in p.question.items:
        assert str(markup.inline(item.text)) in p.answer.value


def test_voila_serves_the_presenter_offline() -> None:
    port = free_port()
    process, url = start_voila(COURSE, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = wait_until_serving(process, url)
        assert url.startswith("http://127.0.0.1:")
        outputs = re.findall(r'<script type="application/vnd\.voila\.cell-output\+json">\s*(.*?)\s*</script>',
                             page, re.DOTALL)
        shown = " ".join(d.get("text/html", "") for o in outputs for d in [json.loads(o).get("data", {})])
        assert "application/vnd.jupyter.widget-view+json" in page
        first = Presenter(COURSE).question  # the presenter opens on the first quiz in course order
        assert markup.plain(first.prompt) in markup.plain(shown) or str(markup.inline(first.prompt)) in shown
        external = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(https?://[^"]+)"', page)
        assert external == [], f"the workshop page loads from outside: {external}"
        assert "cdn.jsdelivr.net" not in page and "cdnjs" not in page
    finally:
        stop_voila(process, timeout=20)
    assert process.returncode is not None


def test_quiz_picker_lists_every_quiz() -> None:
    p = Presenter(COURSE)
    assert [value for _, value in p.picker.options] == list(p.bank)
    assert set(p.bank) == set(COURSE.bank(check_sections=False))
    p.picker.value = "what-doesnt-work"
    assert p.quiz.id == "what-doesnt-work" and p.index == 0
