# %% [markdown]
# # The live quiz widget, driven from Python (regression notebook)
#
# Builds the `what-works` quiz as an ipywidgets `QuizWidget` (`evidence_course.widgets`) and answers
# some questions through its Python API (`choose`, `check`, `try_again`, `show_answer`), right and
# wrong, printing the grade, the stage (a wrong first try hides the answer: `retry`; a right answer, a
# second wrong try or "Show answer": `revealed`), the score line and the feedback the learner would
# see (as text). Answers are written out literally, so a changed key or feedback in the bank shows up
# as a diff here. Section links are left out (`links={}`) so chapter edits do not change this
# notebook; `seed=""` keeps the authored option order.
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
qw = QuizWidget(bank["what-works"], links={}, seed="")
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
    print(f"{question_id} <- {answer!r}: correct={result['correct']} score={result['score']:.2f} "
          f"stage={widget.stage}")
    print(as_text(widget.feedback_html))
    print(f"[score line] {qw.score_text}")


def show_answer(question_id):
    """Press "Show answer" and print what the learner sees."""
    widget = questions[question_id]
    widget.show_answer()
    print(f"{question_id}: stage={widget.stage}")
    print(as_text(widget.feedback_html))


print(f"{qw.quiz.title}: {len(qw.questions)} questions; {qw.score_text}")
display(qw)

# %%
attempt("ww-service-design", "b")  # right

# %%
attempt("ww-service-design", "a")  # wrong (signposting), after Try again; first try stays counted

# %%
attempt("ww-service-design", "a")  # the same wrong answer a second time: the answer is revealed

# %%
attempt("ww-sequential-certain", "true")  # wrong first time: the hedge "may be"

# %%
show_answer("ww-sequential-certain")

# %%
attempt("ww-outcomes", ["a", "b", "c"])  # some right, some missed, one wrong (reoffending)

# %%
attempt("ww-sort-practices", {"health": "works", "counselling": "works", "trauma-recovery": "works",
                              "list-only": "doesnt-work", "peer-mentoring": "works",
                              "fines": "unsupported"})  # one misplaced

# %%
attempt("ww-sort-practices", {"health": "works", "counselling": "works", "trauma-recovery": "works",
                              "list-only": "doesnt-work", "peer-mentoring": "unsupported",
                              "fines": "unsupported"})  # all right
