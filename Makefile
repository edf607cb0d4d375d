# `make run` and `make test` are the only commands a fresh machine needs:
# each creates .venv and installs into it what it needs, when that is missing
# or pyproject.toml changed. `make run` installs only what running needs (the
# extras for plots, calendars and notice imports); `make test` adds the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench fuzz clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebook,ics,eforms,report]'
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(RUN_STAMP) $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/achterhoek-inkoop status
	@echo
	$(BIN)/achterhoek-inkoop deadline --sent 2022-03-14

# Not part of `make test`: figures, not assertions. A few minutes on 2 cores (the first run also
# builds the logs and the portfolio files, cached under the temporary directory).
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/machine_binding.py
	$(BIN)/python benchmarks/eforms_import.py

# The report page's test drives Debian's chromium through Playwright (never a browser
# download of Playwright's own: nothing runs `playwright install`). Installed with apt-get
# where it is missing and apt-get is there (CI runs as root on Debian); elsewhere the
# test fails saying how to install it.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium is not installed and apt-get could not install it: the report's browser test will fail"

test: $(TEST_STAMP) browser
	$(BIN)/ruff check src tests examples benchmarks tools
	$(BIN)/mypy --strict src
	$(BIN)/python -m pytest -q

# Not part of `make test`: the whole suite under the random, longer `ci-long` hypothesis profile
# (tests/conftest.py), looking for new bugs: about 12 minutes of one core, under 30 on a shared
# 2-core machine. The examples it found failing are kept in .hypothesis/examples (not committed)
# and tried first by the next run.
fuzz: $(TEST_STAMP) browser
	HYPOTHESIS_PROFILE=ci-long $(BIN)/python -m pytest -q --durations=20

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
