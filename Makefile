# Two commands do everything on a fresh Debian machine: `make serve` and `make test`.
# Each target sets up what it needs; nothing has to be installed by hand first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# npm ci writes this file last: node_modules/ is whole and matches package-lock.json.
NODE_STAMP := node_modules/.package-lock.json
ADDR ?= 127.0.0.1:8000
N ?= 1000
K ?= 20

# Material 9.8 prints a banner about MkDocs 2 on every run; it is noise in our logs.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup check build serve test bench browser-deps clean

## setup: create .venv and install the pinned dependencies (quick when nothing changed)
setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## check: check every essay's alignment (the build does this too)
check: setup
	$(BIN)/essays check

## build: check, render and index into a new generation (.site-gens/<id>/), then publish site/ and
## the search index together with one rename, only if all of it succeeded (`essays build`; see
## "All or nothing" in the README). A second build waits for the first.
build: setup
	$(BIN)/essays build

## serve: check, build, then serve with live reload on http://$(ADDR) (mkdocs serve builds in a
## folder of its own and never touches site/; its search index is .index.serve)
serve: build
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload

## test: set up everything the tests need (Chromium included) and run the whole suite
test: $(TEST_STAMP) browser-deps $(NODE_STAMP)
	$(BIN)/pytest

## bench: ours beside stock Material + jieba on N essays x K pairs (make bench N=200 for a quick run;
## BENCH_ARGS="--no-stock --no-serve" to skip steps, "--sizes 200,1000,10000" for growth); prints
## tables, writes .bench/results.json (and .bench/growth.json).
## Slow (6 minutes at N=1000) and timed: never part of test.
bench: $(TEST_STAMP) browser-deps
	$(BIN)/python -m essays.bench --essays $(N) --pairs $(K) $(BENCH_ARGS)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

# Debian's Chromium (Playwright's own browser download is not reachable here), CJK fonts,
# Node's npm for the test-only axe-core and Lighthouse (package.json), and a Java runtime for
# the Nu HTML checker (vnu.jar), each only if missing.
browser-deps:
	@if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 || \
	    ! command -v npm >/dev/null || ! command -v java >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk \
			$$(command -v npm >/dev/null || echo nodejs npm) \
			$$(command -v java >/dev/null || echo default-jre-headless); \
	fi

# axe-core, Lighthouse and vnu-jar, pinned by package-lock.json, into ./node_modules (the tests
# read them from there, offline). --ignore-scripts: vnu-jar's install script would download a
# Java runtime from GitHub; browser-deps installs Debian's.
$(NODE_STAMP): package.json package-lock.json | browser-deps
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts

clean:
	rm -rf site .site-gens .build.lock .index .index-* .index.serve .index.serve-* test-output node_modules
