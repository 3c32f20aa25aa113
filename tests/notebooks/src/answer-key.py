# %% [markdown]
# # Answer key (regression notebook)
#
# Every question of the quiz bank (`quizzes/*.yml`), its level (recall or application), its key, its
# claims and the feedback of every option or item, printed from `Course.bank()`. One cell per quiz,
# so a changed answer or feedback shows up in `git diff tests/notebooks` and as a failing, readable
# diff in `tests/test_notebooks.py`. Regenerate with `.venv/bin/python tests/notebooks/regenerate.py`.

# %%
import textwrap

from evidence_course.model.bank import QuestionType
from evidence_course.model.course import Course

COURSE = Course.find()  # the notebook runs in the course folder

# Sections are checked by tests/test_quiz_consistency.py; this notebook records answers only.
bank = COURSE.bank(check_sections=False)


def wrap(label, text, indent=4):
    """One field, wrapped at a fixed width so diffs stay line-sized."""
    body = " ".join(str(text).split())
    pad = " " * indent
    return textwrap.fill(body, width=100, initial_indent=f"{pad}{label}: ",
                         subsequent_indent=pad + "    ")


def split(questions):
    """'<recall> recall, <application> application' for a list of questions."""
    levels = [q.level.value for q in questions]
    return f"{levels.count('recall')} recall, {levels.count('application')} application"


def print_quiz(quiz_id):
    quiz = bank[quiz_id]
    print(f"QUIZ {quiz.id}: {quiz.title} ({quiz.chapter}, {len(quiz.questions)} questions: "
          f"{split(quiz.questions)})")
    for q in quiz.questions:
        print()
        print(f"  [{q.id}] {q.type.value}, {q.level.value} -> section {q.section}")
        if q.scenario:
            print(wrap("scenario (fictional)", q.scenario))
        print(wrap("prompt", q.prompt))
        print(wrap("claims", ", ".join(q.claims)))
        if q.type is QuestionType.CATEGORISE:
            print(wrap("categories", "; ".join(f"{c.id} = {c.text}" for c in q.categories)))
            for item in q.items:
                print(wrap(f"item {item.id} -> {item.category}", item.text))
                print(wrap("feedback", item.feedback, indent=8))
                if item.claims:
                    print(wrap("claims", ", ".join(item.claims), indent=8))
        else:
            print(wrap("key", ", ".join(q.keys)))
            for option in q.options:
                mark = "KEY" if option.id in q.keys else "   "
                print(wrap(f"{mark} ({option.id})", option.text))
                print(wrap("feedback", option.feedback, indent=8))
                if option.claims:
                    print(wrap("claims", ", ".join(option.claims), indent=8))
        print(wrap("explanation", q.explanation))


print(", ".join(f"{quiz_id} ({len(quiz.questions)})" for quiz_id, quiz in bank.items()))
everything = [q for quiz in bank.values() for q in quiz.questions]
print(f"bank: {len(everything)} questions, {split(everything)}")

# %%
print_quiz("health-and-harms")

# %%
print_quiz("who-the-evidence-is-about")

# %%
print_quiz("what-works")

# %%
print_quiz("what-doesnt-work")

# %%
print_quiz("putting-it-into-practice")

# %%
print_quiz("final-assessment")
