# ReLU 用語集 — every target sets up what it needs: `make html` and `make test`
# work on a fresh clone.  `make help` lists the targets.

SHELL    := bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
# Two pinned sets: what building the site needs, and what the tests add (a
# browser driver, PyTorch and Keras to check the framework table against, ...).
# `make html` installs only the first: a deploy never downloads PyTorch.
LOCK       := requirements.lock
TEST_LOCK  := requirements-test.lock
STAMP      := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BUILD    := _build
# Sphinx builds into a staging tree; only a build that passed replaces $(BUILD)/html,
# so a failed build never leaves a half-written site looking like a good one.
STAGING  := $(BUILD)/staging
DOCS     := docs
# -j auto: term pages and notebooks are read on every core (see sphinxext/notebooks.py)
SPHINXOPTS ?= -j auto
SPHINX   := $(BIN)/sphinx-build -c . -d $(BUILD)/doctrees -W --keep-going -n $(SPHINXOPTS)

# Reproducible output: file dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help html test lint serve clean check lock bench screenshots

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# uv installs a lock in 9 s where pip takes 75 s (cold caches, measured on a
# 2-core machine), so uv is used: the one on PATH, else one pip puts in the
# virtualenv (the lock lists it, so the sync keeps it).  Where uv cannot be had,
# pip installs the same pins.  uv reads no pip configuration: a wheel folder the
# machine's pip is pointed at (PIP_FIND_LINKS, where PyTorch's CPU build may lie)
# is passed on to it.
UV_ENV := VIRTUAL_ENV=$(abspath $(VENV)) $(if $(PIP_FIND_LINKS),UV_FIND_LINKS=$(PIP_FIND_LINKS))
UV     = $$(command -v uv || echo $(BIN)/uv)
PIP    := $(BIN)/python -m pip install --quiet

# (Re)create the virtualenv whenever the project or the lock changes.  uv compiles
# the packages' bytecode at install (8 s once): where PYTHONDONTWRITEBYTECODE is
# set, as on this project's build machine and in many containers, Python otherwise
# compiles Sphinx, docutils, matplotlib, ... from source in every build and in
# every forked reader (3-5 s of CPU each time).  pip compiles at install by default.
$(STAMP): pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	@if command -v uv >/dev/null || $(PIP) "$$(grep -i '^uv==' $(LOCK))" 2>/dev/null; then \
	  echo "installing $(LOCK) with uv"; \
	  $(UV_ENV) $(UV) pip sync --quiet --compile-bytecode $(LOCK) && $(UV_ENV) $(UV) pip install --quiet --no-deps -e .; \
	else \
	  echo "uv not available: installing $(LOCK) with pip"; \
	  $(PIP) -c $(LOCK) -e . 2>&1 | { grep -v 'is ignored' || true; }; \
	fi
	$(BIN)/python -c "import relu_glossary, sphinx, myst_nb"
	touch $@

# The test tools on top (added, never synced away: make html keeps them).
$(TEST_STAMP): $(STAMP) $(TEST_LOCK)
	@if [ -x $(BIN)/uv ] || command -v uv >/dev/null; then \
	  echo "installing $(TEST_LOCK) with uv"; \
	  $(UV_ENV) $(UV) pip install --quiet -r $(TEST_LOCK); \
	else \
	  $(PIP) -c $(TEST_LOCK) -e '.[test]' 2>&1 | { grep -v 'is ignored' || true; }; \
	fi
	$(BIN)/python -c "import pytest, playwright, torch"
	touch $@

# One process builds and then replaces the site (relu_glossary.sitebuild), and says
# which happened; `exec` makes it make's own child, so the SIGTERM make passes on
# when it is terminated reaches it (a shell in between would die and leave it running).
html: $(STAMP)  ## build the site into _build/html (warnings are errors)
	exec $(BIN)/python -m relu_glossary.sitebuild $(STAGING)/html $(BUILD)/html -- $(SPHINX) -b html $(DOCS) $(STAGING)/html

test: $(TEST_STAMP) lint  ## lint, install a browser if needed (tools/provision.py), run the test suite
	$(BIN)/python -m tools.provision
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)  ## ruff: lint and formatting (configured in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

serve: $(STAMP)  ## live-reloading preview on http://127.0.0.1:8000
	$(BIN)/sphinx-autobuild -c . -d $(BUILD)/doctrees --host 127.0.0.1 --port 8000 \
		--watch src --watch glossary docs $(BUILD)/serve

check: $(STAMP)  ## validate the YAML glossary only
	$(BIN)/relu-glossary check glossary

LIGHTHOUSE := $(BUILD)/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	@command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix $(BUILD)/lighthouse lighthouse \
		|| echo "npm not available: the benchmark will skip Lighthouse"

# BENCH_ARGS=--scale-only: only the 100- and 1,000-term rows (tools/scale.py)
bench: $(TEST_STAMP) $(LIGHTHOUSE)  ## measure builds, page weight and Lighthouse from a fresh clone of HEAD, then at 100 and 1,000 terms
	LIGHTHOUSE=$(abspath $(LIGHTHOUSE)) $(BIN)/python -m tools.benchmark $(BENCH_ARGS)

screenshots: html $(TEST_STAMP)  ## save main pages at desktop and mobile width, light and dark, in _build/screenshots
	$(BIN)/python -m tools.screenshots $(BUILD)/html $(BUILD)/screenshots

clean:  ## remove build output (keeps .venv)
	rm -rf $(BUILD) docs/terms docs/glossary docs/_generated

lock:  ## re-resolve the newest dependencies into the two locks
	$(UV_ENV) $(UV) pip compile --quiet --no-header --no-annotate --prerelease disallow pyproject.toml -o $(LOCK)
	echo "uv==$$($(UV) --version | cut -d' ' -f2)" >> $(LOCK)
	# the test set agrees with the site's pins; torch loses the +cpu of the wheel
	# found on this machine, so that elsewhere the pin still installs
	$(UV_ENV) $(UV) pip compile --quiet --no-header --no-annotate --prerelease disallow pyproject.toml \
		--extra test -c $(LOCK) | sed 's/^torch==\(.*\)+cpu$$/torch==\1/' > $(TEST_LOCK)
