# `make run` and `make test` are the only commands a fresh machine needs:
# each creates .venv and installs into it what it needs, when that is missing
# or pyproject.toml changed. `make run` installs only what running needs (the
# extras for plots, calendars and notice imports); `make test` adds the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebook,ics,eforms]'
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(RUN_STAMP) $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/achterhoek-inkoop status
	@echo
	$(BIN)/achterhoek-inkoop deadline --sent 2022-03-14

# Not part of `make test`: figures, not assertions. Under 2 minutes on 2 cores.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/machine_binding.py
	$(BIN)/python benchmarks/eforms_import.py

test: $(TEST_STAMP)
	$(BIN)/ruff check src tests examples benchmarks tools
	$(BIN)/mypy --strict src
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
