# ReLU 用語集 — every target sets up what it needs: `make html` and `make test`
# work on a fresh clone.  `make help` lists the targets.

SHELL    := bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
LOCK     := requirements.lock
BUILD    := _build
# Sphinx builds into a staging tree; only a build that passed replaces $(BUILD)/html,
# so a failed build never leaves a half-written site looking like a good one.
STAGING  := $(BUILD)/staging
# -j auto: term pages and notebooks are read on every core (see sphinxext/notebooks.py)
SPHINXOPTS ?= -j auto
SPHINX   := $(BIN)/sphinx-build -c . -d $(BUILD)/doctrees -W --keep-going -n $(SPHINXOPTS)

# Reproducible output: file dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help html test serve clean check lock bench screenshots

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# (Re)create the virtualenv whenever the project or the lock file changes.
$(STAMP): pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | { grep -v 'is ignored' || true; }
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]' 2>&1 | { grep -v 'is ignored' || true; }
	$(BIN)/python -c "import relu_glossary, sphinx, myst_nb, pytest"
	touch $@

html: $(STAMP)  ## build the site into _build/html (warnings are errors)
	$(SPHINX) -b html docs $(STAGING)/html
	rm -rf $(BUILD)/html.new && cp -a $(STAGING)/html $(BUILD)/html.new
	rm -rf $(BUILD)/html && mv $(BUILD)/html.new $(BUILD)/html
	@echo "site: $(BUILD)/html/index.html"

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

serve: $(STAMP)  ## live-reloading preview on http://127.0.0.1:8000
	$(BIN)/sphinx-autobuild -c . -d $(BUILD)/doctrees --host 127.0.0.1 --port 8000 \
		--watch src --watch glossary docs $(BUILD)/serve

check: $(STAMP)  ## validate the YAML glossary only
	$(BIN)/relu-glossary check glossary

LIGHTHOUSE := $(BUILD)/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	@command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix $(BUILD)/lighthouse lighthouse \
		|| echo "npm not available: the benchmark will skip Lighthouse"

bench: $(STAMP) $(LIGHTHOUSE)  ## measure builds, page weight and Lighthouse from a fresh clone of HEAD
	LIGHTHOUSE=$(abspath $(LIGHTHOUSE)) $(BIN)/python -m relu_glossary.benchmark

screenshots: html  ## save main pages at desktop and mobile width, light and dark, in _build/screenshots
	$(BIN)/python -m relu_glossary.screenshots $(BUILD)/html $(BUILD)/screenshots

clean:  ## remove build output (keeps .venv)
	rm -rf $(BUILD) docs/terms docs/glossary docs/_generated

lock:  ## re-resolve the newest dependencies into requirements.lock
	rm -rf $(BUILD)/lockenv
	$(PYTHON) -m venv $(BUILD)/lockenv
	$(BUILD)/lockenv/bin/python -m pip install --quiet --upgrade pip 2>&1 | { grep -v 'is ignored' || true; }
	$(BUILD)/lockenv/bin/python -m pip install --quiet -e '.[test]' 2>&1 | { grep -v 'is ignored' || true; }
	# --all keeps setuptools, which torch imports at run time.  torch loses its +cpu
	# label: pip still prefers the CPU wheel on this machine's disk (2.13.0+cpu sorts
	# above 2.13.0), and elsewhere the pin installs PyPI's 2.13.0 instead of failing.
	$(BUILD)/lockenv/bin/python -m pip freeze --all --exclude-editable --exclude pip | grep -v '^-e ' \
		| sed 's/^torch==\(.*\)+cpu$$/torch==\1/' > $(LOCK)
	rm -rf $(BUILD)/lockenv
