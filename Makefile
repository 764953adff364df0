# newsbrief: `make site` builds the site, `make test` runs lint and the tests.
# Both create the virtual environment in .venv/ on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What to install beside the site builder: [dev] is the tests, the tools and ingest's
# language pipeline. The publish workflow sets EXTRAS= to install only what a build uses.
EXTRAS ?= [dev]

# Material prints a notice about its successor on every build; keep the output to our own.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install site serve check test browser lint format schema bench bench-large lighthouse eval lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock requirements-ingest.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(if $(EXTRAS),$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-ingest.txt)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.$(EXTRAS)'
	touch $(STAMP)

install: $(STAMP) ## create .venv/ and install newsbrief with its pinned dependencies

site: $(STAMP) ## check every brief, then build the site into site/
	$(BIN)/newsbrief check
	$(BIN)/mkdocs build --strict

serve: $(STAMP) ## preview the site with drafts, rebuilding only what an edit in docs/, briefs/ or seeds/ changes
	$(BIN)/mkdocs serve --dirty --no-strict  # MkDocs warns on every dirty build; `make site` is strict

check: $(STAMP) ## check every brief and the tag vocabulary
	$(BIN)/newsbrief check

test: lint browser node_modules/.package-lock.json ## lint, then run the test suite (browser tests included)
	$(BIN)/python -m pytest

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

browser: ## install Debian's Chromium and Java (for the HTML checker) where they are missing
	@command -v chromium >/dev/null && command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq chromium default-jre-headless >/dev/null; \
	  else \
	    echo "the tests need Debian's chromium and java: sudo apt-get install chromium default-jre-headless" >&2; \
	    exit 1; \
	  fi; }

lint: $(STAMP) ## ruff, formatting, the boundaries between the parts, and the committed JSON Schema is current
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/newsbrief schema --verify

format: $(STAMP) ## format the code with ruff
	$(BIN)/ruff check --fix scripts tests benchmarks
	$(BIN)/ruff format scripts tests benchmarks

schema: $(STAMP) ## regenerate schemas/brief.schema.json from the code
	$(BIN)/newsbrief schema --write

bench: $(STAMP) ## time site builds of growing synthetic archives, and ingest of 1,000 articles
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_ingest.py

bench-large: $(STAMP) browser ## the same for 100,000 briefs, newsbrief alone (not in CI: about 30 minutes)
	$(BIN)/python benchmarks/bench_build.py --sizes 100000 --newsbrief-only

lighthouse: $(STAMP) browser node_modules/.package-lock.json ## Lighthouse's scores for each kind of page, on the repository's site and 1,000 synthetic briefs
	$(BIN)/python benchmarks/lighthouse.py

eval: $(STAMP) ## score ingest against the gold annotations in tests/eval/
	$(BIN)/newsbrief evaluate tests/eval

lock: ## re-resolve the newest allowed versions into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv

clean: ## remove the built site and caches (keeps .venv/)
	rm -rf site build .cache .pytest_cache .ruff_cache
