# The course's entry points. `make book` builds the book, `make test` runs every test (see README).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
COURSE := $(VENV)/bin/course
TEST_STAMP := $(VENV)/.installed-test

.PHONY: book watch test serve clean handouts exports scorm workshop bench bench-workshop lint pdf

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): requirements-test.txt $(STAMP)
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

## book: build the static book into _build/html (warnings are errors; a failed build keeps the old site)
book: $(STAMP)
	$(COURSE) build

## watch: for authors, serve the book on 127.0.0.1 (PORT=8000 by default) and rebuild it on save
watch: $(STAMP)
	$(COURSE) watch

## test: install what the tests need, (re)build the book, then run the whole pytest suite
test: $(TEST_STAMP) book
	bash scripts/install-test-deps.sh
	$(PY) -m pytest

## serve: serve the built book on 127.0.0.1 (PORT=8000 by default)
serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(COURSE) serve --port $${PORT:-8000}

## handouts: printable quiz sheets, answer key, session plans and scenarios (HTML + A4 PDF) in _build/handouts
handouts: $(STAMP)
	$(COURSE) handouts

## pdf: the whole course as one tagged PDF (chapters, glossary, reading, quizzes, answers) in _build/pdf/course.pdf
pdf: $(STAMP)
	$(COURSE) pdf

## exports: the quiz bank for Moodle (GIFT and Moodle XML) in _build/exports
exports: $(STAMP)
	$(COURSE) exports

## scorm: the whole course as a SCORM package for a learning platform: _build/exports/course-scorm12.zip (and 2004)
scorm: book
	$(COURSE) scorm

## workshop: live workshop presenter (Voila) on 127.0.0.1 (PORT=8866 or a free port); Ctrl-C stops it.
##   ROOM=1 also serves the live quiz to participants' devices on the local network (PEOPLE=12, ROOM_HOST=, ROOM_PORT=)
workshop: $(STAMP)
	$(COURSE) workshop $(if $(ROOM),--room)

## bench-workshop: how many participants the live quiz serves here (Voila + protocol-level clients; not a test)
bench-workshop: $(STAMP)
	$(PY) -m tools.workshop_bench $(BENCH_ARGS)

## bench: build and quiz performance figures on a copy of the book (a benchmark, not a test; see tools/bench)
bench: $(STAMP)
	$(COURSE) bench

## lint: ruff over code and tests, mypy over the package (settings in pyproject.toml)
lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check src tests tools
	$(VENV)/bin/mypy

## clean: remove every build output and the execution cache (keeps .venv)
clean:
	rm -rf _build
