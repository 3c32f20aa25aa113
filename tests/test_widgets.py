"""The live ipywidgets quiz, driven through its Python API, and ``show_quiz``'s MIME bundle."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from evidence_course.live.display import QUIZ_MIME, STATIC_BUILD_ENV, QuizDisplay
from evidence_course.live.widgets import QuizWidget
from evidence_course.model.bank import Quiz, load_bank
from evidence_course.render.quiz_html import SectionLink

FIXTURES = Path(__file__).parent / "fixtures"
LINKS = {"chapter-holistic": SectionLink("../book/chapter.html#chapter-holistic", "Holistic services")}

RIGHT = {
    "sm-single": "a", "sm-multiple": ["housing", "parenting", "legal"], "sm-truefalse": "false",
    "sm-sort": {"integrated": "works", "signpost": "doesnt", "untreated": "doesnt"},
}
WRONG = {
    "sm-single": "b", "sm-multiple": ["housing", "fines"], "sm-truefalse": "true",
    "sm-sort": {"integrated": "doesnt", "signpost": "doesnt", "untreated": "works"},
}


@pytest.fixture()
def quiz() -> Quiz:
    return load_bank(FIXTURES / "quizzes")["sample"]


def test_controls_are_native_widgets(quiz: Quiz) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="")
    kinds = [[type(c) for c in q.controls] for q in qw.questions]
    assert kinds == [[w.RadioButtons], [w.Checkbox] * 4, [w.RadioButtons], [w.Dropdown] * 3]
    assert qw.questions[0].controls[0].options == (
        ("Integrated, holistic, person-centred services", "a"), ("Signposting only", "b"),
        ("Treating trauma later", "c"))
    assert qw.questions[0].controls[0].value is None


@pytest.mark.parametrize("index", range(4))
def test_right_answer(quiz: Quiz, index: int) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    question = qw.questions[index]
    question.choose(RIGHT[question.question.id])
    result = question.check()
    assert result["correct"] and question.result is result and question.stage == "revealed"
    assert question.feedback_html.startswith(f"<p class=\"ec-summary\"><strong>\u2713 {result['summary']}")
    assert question.question.explanation in question.feedback_html
    assert question.show_button.layout.display == "none"
    assert all(c.disabled for c in question.controls)
    assert question.retry_button.layout.display is None and question.check_button.layout.display == "none"
    assert qw.score_text == "1 of 4 answered, 1 correct first time."


@pytest.mark.parametrize("index", range(4))
def test_wrong_first_try_hides_the_answer_then_try_again(quiz: Quiz, index: int) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    question = qw.questions[index]
    question.choose(WRONG[question.question.id])
    result = question.check()
    assert not result["correct"] and question.stage == "retry"
    html = question.feedback_html
    assert "Not quite" in html and "Try again, or show the answer." in html
    assert "\u2717 Not right." in html
    assert "! Missed." not in html and question.question.explanation not in html and "Answer:" not in html
    assert question.show_button.layout.display is None and question.retry_button.layout.display is None
    question.try_again()
    assert question.feedback_html == "" and not any(c.disabled for c in question.controls)
    assert question.answer == WRONG[question.question.id] or question.question.type.value == "multiple"
    question.choose(RIGHT[question.question.id])
    assert question.check()["correct"] and question.stage == "revealed"
    assert question.question.explanation in question.feedback_html
    assert qw.score_text == "1 of 4 answered, 0 correct first time."  # the first try counts


@pytest.mark.parametrize("index", range(4))
def test_second_wrong_try_reveals_the_answer(quiz: Quiz, index: int) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    question = qw.questions[index]
    question.choose(WRONG[question.question.id])
    question.check()
    question.try_again()
    question.check()  # the same wrong answer again
    assert question.stage == "revealed" and question.show_button.layout.display == "none"
    html = question.feedback_html
    assert "The answer and explanation are below." in html and question.question.explanation in html
    assert "Answer:" in html
    question.try_again()  # a new round starts blank
    assert question.answer in (None, [], {}) and question.tries == 0


def test_show_answer_reveals_after_one_wrong_try(quiz: Quiz) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    single = qw.questions[0]
    single.choose("b")
    single.check()
    assert "! Missed." not in single.feedback_html
    single.show_answer()
    assert single.stage == "revealed"
    html = single.feedback_html
    assert "! Missed.</strong> Right. The evidence says these are effective." in html
    assert "<strong>Answer:</strong> Integrated, holistic, person-centred services</p>" in html
    assert qw.score_text == "1 of 4 answered, 0 correct first time."


def test_options_follow_the_seed_like_the_static_book(quiz: Quiz, tmp_path) -> None:
    from evidence_course.model.grading import display_order

    for seed in ("a", "b", "c"):
        qw = QuizWidget(quiz, links=LINKS, seed=seed)
        multiple = qw.questions[1]
        expected = display_order("multiple", ["housing", "parenting", "fines", "legal"], seed, "sm-multiple")
        labels = {o.id: o.text for o in quiz.questions[1].options}
        assert [c.description for c in multiple.controls] == [labels[i] for i in expected]
        multiple.choose(RIGHT["sm-multiple"])
        assert multiple.check()["correct"]  # choose() and answer follow ids, not positions
    orders = {tuple(QuizWidget(quiz, seed=s).questions[1].order) for s in "abcdefgh"}
    assert len(orders) > 1
    assert QuizWidget(quiz, seed="x").questions[2].order == ["true", "false"]


def test_learner_seed_is_kept_in_the_jupyter_data_dir(tmp_path) -> None:
    from evidence_course.live.widgets import SEED_FILE, learner_seed

    first = learner_seed(tmp_path)
    assert first and (tmp_path / SEED_FILE).read_text().strip() == first
    learner_seed.cache_clear()
    assert learner_seed(tmp_path) == first
    (tmp_path / SEED_FILE).write_text("fixed\n")
    learner_seed.cache_clear()
    assert learner_seed(tmp_path) == "fixed"
    learner_seed.cache_clear()


def test_feedback_matches_the_static_quiz_texts(quiz: Quiz) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="")
    single = qw.questions[0]
    single.choose("b")
    single.check()
    single.show_answer()
    html = single.feedback_html
    assert "! Missed.</strong> Right. The evidence says these are effective." in html
    assert "\u2717 Not right.</strong> The evidence says signposting alone does not work well." in html
    assert 'Where the course teaches this: <a href="../book/chapter.html#chapter-holistic"' in html
    sort = qw.questions[3]
    sort.choose({"integrated": "doesnt"})
    sort.check()
    assert "belongs in" not in sort.feedback_html  # not before the answer is revealed
    assert "Integrated treatment works." not in sort.feedback_html  # its feedback would name the group
    sort.show_answer()
    assert "It belongs in \u201cWorks well\u201d." in sort.feedback_html
    assert "Not quite. You placed 0 of 3 items in the right group." in sort.feedback_html


def test_empty_answer_prompts_without_counting(quiz: Quiz) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    result = qw.questions[1].check()
    assert not result["answered"] and qw.questions[1].result is None
    assert "Choose an answer, then check it." in qw.questions[1].feedback_html
    assert qw.score_text == "Not started."


def test_all_right_completes_the_score(quiz: Quiz) -> None:
    qw = QuizWidget(quiz, links=LINKS, seed="s1")
    for question in qw.questions:
        question.choose(RIGHT[question.question.id])
        question.check()
    assert qw.score_text == "Completed: 4 of 4 correct first time."
    assert "Completed: 4 of 4" in qw.score.value


def test_hostile_text_is_escaped_in_widgets() -> None:
    hostile = load_bank(FIXTURES / "hostile")["hostile"]
    qw = QuizWidget(hostile, links={}, seed="s1")
    question = qw.questions[0]
    question.choose("b")
    question.check()
    question.show_answer()
    shown = [question.feedback_html] + [c.value for c in question.box.children if isinstance(c, w.HTML)]
    shown.append(qw.box.children[0].value)
    for html in shown:
        assert "<script" not in html and "<b " not in html and "<img" not in html
        assert 'href="javascript' not in html


def test_show_quiz_bundle_outside_and_inside_a_book_build(monkeypatch, quiz: Quiz) -> None:
    display = QuizDisplay("sample")
    display._widget = QuizWidget(quiz, links=LINKS, seed="")
    monkeypatch.delenv(STATIC_BUILD_ENV, raising=False)
    live = display._repr_mimebundle_()
    assert live[QUIZ_MIME] == {"quiz": "sample"}
    assert "application/vnd.jupyter.widget-view+json" in live
    assert live["text/plain"] == "Quiz: sample (open the book or a live notebook to answer)"
    monkeypatch.setenv(STATIC_BUILD_ENV, "1")
    static = display._repr_mimebundle_()
    assert static == {"text/plain": live["text/plain"], QUIZ_MIME: {"quiz": "sample"}}
