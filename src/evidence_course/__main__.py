"""``python -m evidence_course`` is the ``course`` command."""

from .cli import main

raise SystemExit(main())
