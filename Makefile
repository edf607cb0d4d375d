# `make run` and `make test` are the only commands a fresh machine needs:
# each creates .venv and installs the project into it when that is missing
# or pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/achterhoek-inkoop status
	@echo
	$(BIN)/achterhoek-inkoop deadline --sent 2022-03-14

# Not part of `make test`: figures, not assertions. Under 2 minutes on 2 cores.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/machine_binding.py
	$(BIN)/python benchmarks/eforms_import.py

test: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks tools
	$(BIN)/mypy --strict src
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
