# One entry point for newcomers, developers and CI. Every target sets up what it needs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format bench install migrate run clean messages calendar-parsers axe

$(STAMP): requirements/base.txt requirements/dev.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt -c requirements/constraints.txt
	touch $(STAMP)

install: $(STAMP)

# ical.js for the cross-parser check (tests/agenda/test_cross_parsers.py), pinned by its lock file.
# Without npm the check skips ical.js and says so; CI installs npm and refuses to skip it.
PARSERS := tests/support/calendar_parsers
calendar-parsers:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the cross-parser check will skip ical.js (apt-get install nodejs npm)"; \
	elif [ ! $(PARSERS)/node_modules/.package-lock.json -nt $(PARSERS)/package-lock.json ]; then \
		npm ci --prefix $(PARSERS) --no-audit --no-fund --loglevel=error; \
	fi

# axe-core for the browser tests' accessibility checks (tests/e2e/), pinned by its lock file.
# Without npm those checks skip; CI installs npm and refuses to skip them (REQUIRE_BROWSER).
AXE := tests/support/axe
axe:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the accessibility checks will skip (apt-get install nodejs npm)"; \
	elif [ ! $(AXE)/node_modules/.package-lock.json -nt $(AXE)/package-lock.json ]; then \
		npm ci --prefix $(AXE) --no-audit --no-fund --loglevel=error; \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py rederive_instants

## demo: set up, load the demo missions and serve them on http://127.0.0.1:8000
demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: set up and run the whole suite (SQLite by default; DATABASE_URL for PostgreSQL)
# Two phases: most tests spread over the machine's cores (pytest-xdist, one database and one broker database
# per process), then alone the few that start real worker or web processes and wait on the clock
# (marked `serial`), so that no other test's load moves their timing. Exit code 5: nothing selected.
TEST_PROCESSES ?= auto
test: install calendar-parsers axe
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadscope -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l fr -l ar --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python -m pytest tests/benchmarks -s -p no:cacheprovider -o python_files="bench_*.py"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
