"""`python -m tools.workshop_bench`: the live workshop's load benchmark (see run.py)."""

from .run import main

raise SystemExit(main())
