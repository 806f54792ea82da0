# Two commands for everyone: `make build` (site, and later handouts and the offline bundle) and `make test`.
# Each creates and uses its own virtual environment in .venv/.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test test-fast check serve lint clean

$(BIN)/kie: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=26,<27'  # bounded: a fresh install behaves as today
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/kie  ## validate content and build everything into site/
	$(BIN)/kie build

test: $(BIN)/kie  ## lint and run the whole test suite
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python -m pytest

test-fast: $(BIN)/kie  ## the fast layer only: no site build, no browser (seconds)
	$(BIN)/python -m pytest -m "not site and not browser" -q

check: $(BIN)/kie  ## only validate content/
	$(BIN)/kie check

serve: $(BIN)/kie  ## live preview at http://127.0.0.1:8000 (content/ changes show up without a restart)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

lint: $(BIN)/kie
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

# The generated folders under docs/ come from the kinds table (scripts/kie/model/kinds.py), which needs no packages.
GENERATED = $(shell PYTHONPATH=scripts $(PYTHON) -c "from kie.model.kinds import GENERATED_SECTIONS as g; print(*g)")

clean:
	rm -rf site .site.* $(VENV) $(addprefix docs/,$(GENERATED))
