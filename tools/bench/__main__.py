"""`python -m tools.bench`: run the benchmark (see run.py)."""

from .run import main

raise SystemExit(main())
