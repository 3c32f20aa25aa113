# %% [markdown]
# # Claims × questions (regression notebook)
#
# For every claim of the evidence (`evidence/claims.yml`): which questions list it in their `claims`
# (the claims they assess), counted per quiz. Findings, works and doesnt-work claims must each be
# assessed at least once; context and reading claims are listed for information.
# Regenerate with `.venv/bin/python tests/notebooks/regenerate.py`.

# %%
from collections import defaultdict

from evidence_course.model.course import Course

COURSE = Course.find()  # the notebook runs in the course folder

bank = COURSE.bank(check_sections=False)
SHORT = {"health-and-harms": "hh", "who-the-evidence-is-about": "who", "what-works": "ww",
         "what-doesnt-work": "dw", "putting-it-into-practice": "pr", "final-assessment": "fa"}
# Columns in reading order: the chapters' quizzes, then the final assessment, then any others.
columns = [SHORT[q] for q in SHORT if q in bank] + [q for q in bank if q not in SHORT]
assessed_by = defaultdict(list)
for quiz_id, quiz in bank.items():
    for question in quiz.questions:
        for claim_id in question.claims:
            assessed_by[claim_id].append((SHORT.get(quiz_id, quiz_id), question.id))

width = max(len(c) for c in COURSE.claims)
print(f"{'claim':<{width}}  {'kind':<11}" + "".join(f"{c:>5}" for c in columns) + "  total")
for claim_id, claim in COURSE.claims.items():
    row = [sum(1 for quiz, _ in assessed_by[claim_id] if quiz == c) for c in columns]
    cells = "".join(f"{n if n else '.':>5}" for n in row)
    print(f"{claim_id:<{width}}  {claim.kind.value:<11}{cells}  {sum(row):>5}")

# %%
for claim_id in COURSE.claims:
    ids = [qid for _, qid in assessed_by[claim_id]]
    print(f"{claim_id}: {', '.join(ids) if ids else '-'}")

# %%
must = [c for c, claim in COURSE.claims.items() if claim.kind.value in {"finding", "works", "doesnt-work"}]
missing = [c for c in must if not assessed_by[c]]
print(f"{len(must) - len(missing)} of {len(must)} finding/works/doesnt-work claims assessed")
print("unassessed:", ", ".join(missing) if missing else "none")
