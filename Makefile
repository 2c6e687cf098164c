# Task entry points for contributors and CI: `make serve`, `make check`, `make test`, `make build`, `make audit`,
# `make bench`.
PYTHON ?= python3
HOST ?= 127.0.0.1:8000
CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/hidden-layers
UV_VERSION ?= 0.13.9
# A uv already on PATH is used as it is; otherwise one is bootstrapped into the cache, outside the repository.
UV ?= $(or $(shell command -v uv 2>/dev/null),$(CACHE)/uv-$(UV_VERSION)/bin/uv)
export UV_PYTHON_DOWNLOADS := never
RUN := $(UV) run --frozen --python $(PYTHON)

.PHONY: install serve build check test lint audit bench record clean-cache

$(CACHE)/uv-$(UV_VERSION)/bin/uv:
	$(PYTHON) -m venv $(CACHE)/uv-$(UV_VERSION)
	$(CACHE)/uv-$(UV_VERSION)/bin/python -m pip install --quiet uv==$(UV_VERSION)

install: $(UV) node_modules/.package-lock.json
	$(UV) sync --frozen --python $(PYTHON)

# Pyodide and MicroPython for the implementations page, where npm exists; without it they are listed as not run.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: Pyodide and MicroPython evidence will be skipped"; mkdir -p node_modules; touch $@; fi

# The edit loop leaves out the search index, social cards and git dates, which cost seconds on every rebuild;
# `make serve FULL=1` keeps them.
SERVE_ENV := $(if $(FULL),,SEARCH=false CARDS=false DATES=false)

# `make serve PAGE=gil` (or PAGE=gil,pip) serves only those pages, so only their snippets run.
serve: install
	$(SERVE_ENV) PAGE=$(PAGE) $(RUN) properdocs serve -f mkdocs.yml -a $(HOST) --livereload

# The contributor's loop, in seconds with a warm cache: lint, the page modules' tests, the one-rule check and that
# every snippet a page names exists, then a strict build of one page (PAGE=..., the GIL page unless told).
CHECK_TESTS := tests/test_pages_*.py tests/test_one_rule.py tests/test_snippets.py
check: install
	$(RUN) ruff check .
	$(RUN) pytest -q -p no:cacheprovider $(CHECK_TESTS) -k "not runs_alone"
	PAGE=$(or $(PAGE),gil) SEARCH=false CARDS=false DATES=false $(RUN) properdocs build --strict -f mkdocs.yml \
		-d $(CACHE)/check-site

build: install
	$(RUN) properdocs build --strict -f mkdocs.yml

test: install
	$(RUN) pytest

lint: install
	$(RUN) ruff check .

# Known vulnerabilities in every locked dependency (all groups, with their hashes), from PyPI's advisory data.
# pip-audit runs from its own locked group in a throwaway environment and installs nothing it audits. Needs PyPI.
audit: $(UV)
	@mkdir -p $(CACHE)/audit
	$(UV) export --frozen --all-groups --no-emit-project --format requirements-txt --quiet \
		-o $(CACHE)/audit/requirements.txt
	$(UV) run --frozen --isolated --only-group audit --python $(PYTHON) \
		pip-audit --require-hashes --disable-pip --strict --progress-spinner off -r $(CACHE)/audit/requirements.txt

bench: install
	$(RUN) python scripts/bench_build.py

# Re-record tests/recorded/<page>.json, the runs each page declared as this build made them, which the page-module
# tests replay (scripts/evidence/recorded.py). Run it after changing what a snippet writes or what a page declares.
record: install
	rm -rf tests/recorded
	EVIDENCE_RECORD_PAGES=$(CURDIR)/tests/recorded SEARCH=false CARDS=false DATES=false $(RUN) properdocs build \
		--strict -f mkdocs.yml -d $(CACHE)/record-site

# Forget cached results, fingerprints and isolated environments: the next build runs every snippet fresh.
clean-cache:
	rm -rf $(CACHE)/envs $(CACHE)/results $(CACHE)/fingerprints
