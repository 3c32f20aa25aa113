"""The chapter reader sees the MyST structure the build sees: code is code, directives nest.

Each case writes a small chapter, parses it with :func:`parse_chapter` and checks sections, citations
and quizzes. The first two are the bugs of the old line scanner (a ``# comment`` in a code cell ended
the section; a ``{claim}`` in code counted as a citation): they fail against it.
"""

from __future__ import annotations

from pathlib import Path

from evidence_course.model.chapters import Chapter, parse_chapter, quiz_calls

FRONT = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
---
"""


def chapter(tmp_path: Path, body: str) -> Chapter:
    path = tmp_path / "page.md"
    path.write_text(FRONT + body, encoding="utf-8")
    return parse_chapter(path, "book/page")


def test_comment_in_a_code_cell_does_not_end_the_section(tmp_path: Path) -> None:
    page = chapter(tmp_path, """
# Page

(page-a)=
## Section A

```{code-cell} ipython3
# a comment, not a heading
x = 1
```

After the cell {claim}`works.housing`.
""")
    assert list(page.sections) == ["page-a"]
    assert page.sections["page-a"].claims == {"works.housing"}


def test_claim_in_code_cites_nothing(tmp_path: Path) -> None:
    page = chapter(tmp_path, """
# Page

(page-a)=
## Section A

```{code-cell} ipython3
text = "{claim}`works.parenting`"
```

```markdown
{claim}`works.relationships`
```

Inline code `` {claim}`works.mental-health` `` is not a role either; this is {claim}`works.housing`.
""")
    assert page.claims == ["works.housing"]
    assert page.sections["page-a"].claims == {"works.housing"}


def test_a_claim_in_an_admonition_is_taught_by_the_open_sections(tmp_path: Path) -> None:
    page = chapter(tmp_path, """
# Page

(page-a)=
## Section A

(page-a-sub)=
### Sub

:::{admonition} Course note
:class: note
Inside a note {claim}`works.housing`.
:::

```{note}
A fenced directive too {claim}`works.parenting`.
```

(page-b)=
## Section B

Only B {claim}`works.relationships`.
""")
    assert page.sections["page-a"].claims == {"works.housing", "works.parenting"}
    assert page.sections["page-a-sub"].claims == {"works.housing", "works.parenting"}
    assert page.sections["page-b"].claims == {"works.relationships"}
    assert page.title == "Page"


def test_labels_name_only_the_heading_right_after_them_and_keep_their_line(tmp_path: Path) -> None:
    page = chapter(tmp_path, """
# Page

(page-orphan)=
A paragraph: the label above names no heading.

## Unlabelled

(page-labelled)=

## Labelled
""")
    assert list(page.sections) == ["page-labelled"]
    section = page.sections["page-labelled"]
    assert (section.title, section.level) == ("Labelled", 2)
    assert section.line == FRONT.count("\n") + 9


def test_quizzes_are_the_show_quiz_calls_of_code_cells(tmp_path: Path) -> None:
    page = chapter(tmp_path, """
# Page

```{code-cell} ipython3
:tags: [remove-input]
from evidence_course import show_quiz
show_quiz("what-works")
# show_quiz("commented-out")
```

```python
show_quiz("in-a-plain-fence")
```
""")
    assert page.quizzes == ["what-works"]


def test_quiz_calls_read_python_not_text() -> None:
    assert quiz_calls('%matplotlib inline\nimport evidence_course as ec\nec.show_quiz("a")') == ["a"]
    assert quiz_calls('x = "show_quiz(\'b\')"') == []
    assert quiz_calls("show_quiz(") == []
