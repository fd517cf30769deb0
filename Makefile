# medref — developer tasks. `make run` to try it, `make test` before committing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-pyproject
# Development commands run with debug on (and so the development secret key)
# unless the caller says otherwise.
DEV_ENV := MEDREF_DEBUG=$${MEDREF_DEBUG:-True}
# Tests run in the production configuration, with a throw-away key.
TEST_ENV := MEDREF_DEBUG=False MEDREF_SECRET_KEY=medref-test-only-secret-key
PYTEST_ARGS ?=
# Type-checked: the pure packages and the apps (pyproject [tool.mypy]); the
# django-stubs plugin imports the settings, hence the DEV_ENV below.
MYPY_PATHS := medref

.PHONY: help setup system-packages-run system-packages-test migrate run test test-fast \
	test-sqlite test-postgres check bench messages clean

help:
	@echo "make run     set up, migrate, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test    run the tests on SQLite, then on a throw-away PostgreSQL 15"
	@echo "make test-fast  the SQLite tests without the slow and browser ones, for day-to-day work"
	@echo "make check   ruff and mypy"
	@echo "make bench   benchmarks"
	@echo "make messages compile translations (.po -> .mo)"
	@echo "make clean   remove the virtualenv and caches"

setup: $(STAMP)

# Debian packages (scripts/system-packages is the one list): installed when
# missing, or the exact apt-get line to run when they cannot be.
system-packages-run:
	@scripts/system-packages run

system-packages-test:
	@scripts/system-packages test

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@if [ ! -x $(PY) ]; then \
		python="$$(scripts/find-python)" || exit 1; \
		echo "creating $(VENV) with $$python"; \
		"$$python" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

migrate: setup
	$(DEV_ENV) $(PY) manage.py migrate --no-input

messages: setup
	@if [ -z "$$(find medref -name '*.po' -print -quit)" ]; then \
		echo "no .po files under medref/"; \
	elif command -v msgfmt >/dev/null; then \
		cd medref && $(DEV_ENV) ../$(PY) ../manage.py compilemessages; \
	else \
		$(PY) scripts/compile_messages.py; \
	fi

run: system-packages-run setup migrate messages
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py load_demo_accounts
	$(DEV_ENV) $(PY) manage.py load_demo_absence
	@echo "serving on http://127.0.0.1:8000 with the background worker (e-mail, bilag text) beside it"
	@$(DEV_ENV) $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# pytest exits 5 when it collects no test; that is not a failure here.
test: test-sqlite test-postgres

# axe-core for the browser tests (tests/browser), exactly as package-lock.json
# pins it; npm ci again when the lock file is newer than the installed copy.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser tests: apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund
	@touch $(AXE)

test-sqlite: system-packages-test setup messages $(AXE)
	@echo "== tests on SQLite =="
	@$(TEST_ENV) DATABASE_URL= $(PY) -m pytest $(PYTEST_ARGS); \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ]

# Only tests that touch the database (marker `database`, set by tests/conftest.py)
# and tests marked `postgres` run again on PostgreSQL.
test-postgres: system-packages-test setup messages $(AXE)
	@echo "== tests on PostgreSQL 15 =="
	@$(TEST_ENV) scripts/pg-test-server $(PY) -m pytest -m "database or postgres" $(PYTEST_ARGS); \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ]

# Day to day: SQLite only, without the tests marked slow or browser.
test-fast: system-packages-test setup messages
	@echo "== fast tests on SQLite (no slow, no browser) =="
	@$(TEST_ENV) DATABASE_URL= $(PY) -m pytest -m "not slow and not browser" $(PYTEST_ARGS); \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ]

check: setup
	$(PY) -m ruff check .
	@paths=""; for d in $(MYPY_PATHS); do \
		[ -n "$$(find $$d -name '*.py' -print -quit 2>/dev/null)" ] && paths="$$paths $$d"; \
	done; \
	echo "$(PY) -m mypy$$paths"; $(DEV_ENV) $(PY) -m mypy $$paths

bench: setup
	$(DEV_ENV) $(PY) -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
