# A small Sphinx project (no Jupyter Book) using the course's extension: built by tests/test_sphinx_ext.py
# with sphinx.testing, together with a copy of the course's evidence/ (see that test's fixture).
project = "Test course"
extensions = ["myst_nb", "evidence_course.sphinx_ext"]
nb_execution_mode = "off"
exclude_patterns = ["_build", "evidence", "quizzes"]
myst_enable_extensions = ["colon_fence"]
