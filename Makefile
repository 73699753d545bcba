# Samen Veilig — the two commands of the README, and the pieces they are made of.
#   make demo   set everything up and serve the app with demo data on SQLite (http://127.0.0.1:$(PORT))
#   make test   set everything up and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: bench demo test browser setup install assets migrate lint format check-migrations openapi openapi-check messages check clean

demo: setup
	SAMENVEILIG_DEMO=1 $(PY) manage.py migrate --noinput
	SAMENVEILIG_DEMO=1 $(PY) manage.py load_demo
	@echo "Samen Veilig runs on http://127.0.0.1:$(PORT) — log in as professional, professional2, af, coordinator, veiligthuis or beheerder"
	@# The periodic jobs (reminders, retention) run beside the web server and stop with it (docs/jobs.md).
	SAMENVEILIG_DEMO=1 $(PY) manage.py run_jobs --loop --interval 60 & jobs=$$!; \
	trap 'kill -TERM $$jobs 2>/dev/null; wait $$jobs 2>/dev/null' EXIT INT TERM; \
	SAMENVEILIG_DEMO=1 SAMENVEILIG_DEBUG=false $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup browser
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The browser tests need Debian's Chromium (Playwright's own download does not work offline). Installed when
# possible; otherwise those tests are skipped locally (CI sets SAMENVEILIG_REQUIRE_BROWSER=1 and fails instead).
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
		echo "note: /usr/bin/chromium is missing, so the browser tests will be skipped (apt-get install chromium)"

setup: install assets

install: $(VENV)/.installed

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip uv || true
	$(VENV)/bin/uv pip install --python $(PY) --quiet -r requirements/dev.txt || $(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

assets: node_modules/.installed samenveilig/static/vendor/.built

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

samenveilig/static/vendor/.built: node_modules/.installed frontend/build.mjs
	node frontend/build.mjs
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	SAMENVEILIG_ENV=test $(PY) manage.py makemigrations --check --dry-run

openapi: install
	SAMENVEILIG_ENV=test $(PY) manage.py spectacular --file openapi.yaml --validate --fail-on-warn

openapi-check: install
	SAMENVEILIG_ENV=test $(PY) manage.py spectacular --file var/openapi.generated.yaml --validate --fail-on-warn
	diff -u openapi.yaml var/openapi.generated.yaml || (echo "openapi.yaml is out of date: run 'make openapi' and commit it" && exit 1)

# Refresh the catalogues, put back the Dutch wording for allauth (see locale/nl/allauth_overrides.po), compile.
# Needs GNU gettext; the compiled .mo files are committed so that a fresh machine does not.
# Benchmarks need PostgreSQL (default postgres://postgres@127.0.0.1:5432/samenveilig_bench); see benchmarks/README.md.
bench: setup
	$(PY) benchmarks/audit_log.py
	$(PY) benchmarks/sociale_kaart_search.py
	$(PY) benchmarks/verwijsindex_match.py
	$(PY) benchmarks/monitor_dashboard.py

messages: install
	cd samenveilig && ../$(PY) ../manage.py makemessages -l en -l nl --no-obsolete --ignore 'static/*' --ignore '*/tests/*'
	cd samenveilig && msgcat --use-first locale/nl/LC_MESSAGES/django.po locale/nl/allauth_overrides.po -o locale/nl/LC_MESSAGES/django.po
	cd samenveilig && ../$(PY) ../manage.py compilemessages

check: lint check-migrations openapi-check

clean:
	rm -rf $(VENV) node_modules samenveilig/static/vendor staticfiles var
