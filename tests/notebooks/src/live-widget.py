# %% [markdown]
# # The live quiz widget, driven from Python (regression notebook)
#
# Builds the `what-works` quiz as an ipywidgets `QuizWidget` (`evidence_course.widgets`) and answers
# some questions through its Python API (`choose`, `check`, `try_again`), once right and once wrong,
# printing the grade, the score line and the feedback the learner would see (as text). Answers are
# written out literally, so a changed key or feedback in the bank shows up as a diff here.
# Section links are left out (`links={}`) so chapter edits do not change this notebook.
# Regenerate with `.venv/bin/python tests/notebooks/regenerate.py`.

# %%
import html
import re
import textwrap

from IPython.display import display

from evidence_course.live.widgets import QuizWidget
from evidence_course.model.course import Course

COURSE = Course.find()  # the notebook runs in the course folder

bank = COURSE.bank(check_sections=False)
qw = QuizWidget(bank["what-works"], links={})
questions = {qwid.question.id: qwid for qwid in qw.questions}


def as_text(fragment):
    """The feedback HTML as wrapped plain text: one paragraph or list item per line."""
    fragment = re.sub(r"</?(p|ul|li|div)[^>]*>", "\n", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(textwrap.fill(line, width=100, subsequent_indent="    ") for line in lines if line)


def attempt(question_id, answer):
    """Choose ``answer``, press Check, and print what the learner sees."""
    widget = questions[question_id]
    if widget.result is not None:
        widget.try_again()
    widget.choose(answer)
    assert widget.answer == answer, (widget.answer, answer)
    result = widget.check()
    print(f"{question_id} <- {answer!r}: correct={result['correct']} score={result['score']:.2f}")
    print(as_text(widget.feedback_html))
    print(f"[score line] {qw.score_text}")


print(f"{qw.quiz.title}: {len(qw.questions)} questions; {qw.score_text}")
display(qw)

# %%
attempt("ww-integrated-services", "d")  # right

# %%
attempt("ww-integrated-services", "b")  # wrong (signposting), after Try again; first try stays counted

# %%
attempt("ww-better-than-sequential", "true")  # wrong first time: the hedge "may be"

# %%
attempt("ww-integrated-outcomes", ["a", "b", "c"])  # some right, some missed, one wrong

# %%
attempt("ww-sort-practices", {"health": "works", "counselling": "works", "list-only": "doesnt-work",
                              "peer-mentoring": "works", "fines": "unsupported"})  # one misplaced

# %%
attempt("ww-sort-practices", {"health": "works", "counselling": "works", "list-only": "doesnt-work",
                              "peer-mentoring": "unsupported", "fines": "unsupported"})  # all right
