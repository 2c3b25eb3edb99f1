# `make run` starts Postloom; `make test` runs every test. Both work from a fresh clone.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt
DEPS   := pyproject.toml constraints.txt

.PHONY: run test lint typecheck check messages e2e clean help

help:
	@echo "make run        start Postloom (web + worker) on http://localhost:8000"
	@echo "make test       run the whole test suite"
	@echo "make e2e        only the browser tests (system Chromium)"
	@echo "make check      ruff + mypy"
	@echo "make messages   refresh and compile translations (needs gettext)"

# A venv made by a Python older than 3.12 is replaced.
$(VENV)/.python:
	@PYBIN=$$(./scripts/find-python) || exit 1; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then rm -rf $(VENV); fi; \
	[ -x $(PY) ] || $$PYBIN -m venv $(VENV); \
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip; \
	touch $@

$(VENV)/.installed: $(VENV)/.python $(DEPS)
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(DEPS)
	$(PIP) -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	$(VENV)/bin/postloom serve

test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

e2e: $(VENV)/.installed-dev
	$(VENV)/bin/pytest -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check src tests $(wildcard bench)
	$(VENV)/bin/ruff format --check src tests $(wildcard bench)

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy

check: lint typecheck

messages: $(VENV)/.installed-dev
	cd src/postloom && POSTLOOM_DATA_DIR=$$(mktemp -d) ../../$(VENV)/bin/postloom manage makemessages -l id -l tr -e html,txt,py --no-obsolete --no-location
	cd src/postloom && POSTLOOM_DATA_DIR=$$(mktemp -d) ../../$(VENV)/bin/postloom manage compilemessages

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-output
