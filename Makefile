# The front door. Every target sets up .venv first if it is missing or out of date.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: setup generate check test demo soak clean

setup: $(INSTALLED)

$(INSTALLED): requirements-dev.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -e .
	touch $@

## generate: regenerate generated/ from spec/openapi.yaml with the pinned generator and templates
generate: setup
	$(PY) generator/regenerate.py generate

## check: spec validity and bilingual coverage, generated/ up to date, ruff, mypy --strict
check: setup
	$(PY) generator/check_spec.py
	$(PY) generator/regenerate.py check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m mypy --strict generated/binance_coinm_openapi

## test: check, then the whole pytest suite
test: check
	$(PY) -m pytest

## demo: one query through the public Client against the bundled exchange simulator, offline
demo: setup
	$(PY) -m tests.demo

## soak: 10,000 sequential calls on one Client and 10,000 at concurrency 100 on one AsyncClient; prints a table
soak: setup
	$(PY) -m tests.soak

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
