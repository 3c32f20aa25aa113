"""``python -m evidence_course.site.jupyter_book_cli``: Jupyter Book's own command line, unchanged.

What the ``jupyter-book`` console script does, run by a given Python: ``course build`` starts it with
``sys.executable``, so the build uses the Jupyter Book (and the course package) of the environment the
``course`` command runs in, wherever that environment puts its scripts.
"""

from jupyter_book.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
