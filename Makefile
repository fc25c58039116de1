# Vigil: the two set-up commands are `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := vigil.settings

.PHONY: demo test install install-test lint migrate seed serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	mkdir -p var
	$(BIN)/vigil migrate --no-input

seed: migrate
	$(BIN)/vigil seed --scale demo --seed 1 --if-empty

demo: seed
	@$(BIN)/vigil demo-logins
	VIGIL_ENV=demo $(BIN)/vigil runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check vigil tests bench
	$(BIN)/vigil makemigrations --check --dry-run

# The whole suite on SQLite, then on PostgreSQL when VIGIL_TEST_POSTGRES_URL is set.
# PYTEST_ARGS: two workers by default (CI and developers' machines have two cores).
PYTEST_ARGS ?= -n 2
test: lint
	$(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$VIGIL_TEST_POSTGRES_URL" ]; then \
		echo "== again on PostgreSQL ($$VIGIL_TEST_POSTGRES_URL)"; \
		DATABASE_URL="$$VIGIL_TEST_POSTGRES_URL" $(BIN)/pytest $(PYTEST_ARGS) -m "not functional"; \
	fi

bench: install-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/*.sqlite3*
