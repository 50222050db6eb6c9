# The two commands a fresh clone needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint serve extract-seeds score bench-extract clean

install: $(STAMP)

# Re-install only when the project's metadata changes; creating the venv is idempotent.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

# Extract the seed reports and score them against the shared gold file.
score: install
	$(BIN)/evacfacts extract seeds/reports > /tmp/evacfacts-pred.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/gold/seeds.jsonl /tmp/evacfacts-pred.jsonl

# Extraction speed against quantulum3 on one synthetic corpus, one CPU core.
N ?= 2000
bench-extract: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extract_speed.py -n $(N)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
