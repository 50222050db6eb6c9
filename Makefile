# The two commands a fresh clone needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Installed for serving only (the package), or for development too (the dev extras).
SERVE_STAMP := $(VENV)/.installed-serve
STAMP := $(VENV)/.installed

# Service settings (see the README); the environment overrides them.
DEFAULT_DB := data/evacfacts.db
EVACFACTS_DB ?= $(DEFAULT_DB)
PORT ?= 8000
WORKERS ?= 2
# Reports `make serve` loads into EVACFACTS_DB first: the seeds into the default database,
# nothing into a database of your own unless you name folders (REPORTS=~/reports).
REPORTS ?= $(if $(filter $(DEFAULT_DB),$(EVACFACTS_DB)),seeds/reports)
export EVACFACTS_DB

.PHONY: expected-claims score-all install install-serve test lint lint-openapi serve load openapi chromium extract-seeds score score-real bench-extract bench bench-load-claims bench-export bench-soak wrk clean

install: $(STAMP)
install-serve: $(SERVE_STAMP)

# Re-install only when the project's metadata changes; creating the venv is idempotent.
$(SERVE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(SERVE_STAMP)

$(STAMP): $(SERVE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

test: install chromium node_modules
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

# The OpenAPI linters (Spectral, Redocly) at the versions package-lock.json pins, installed
# from the npm registry only when node_modules is missing (or older than the lock file).
# tests/web/test_openapi_lint.py runs them; `make lint-openapi` runs them by hand.
node_modules: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch node_modules

lint-openapi: node_modules
	npx --no-install spectral lint --fail-severity=warn openapi.yaml
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint \
		--max-problems=1000 openapi.yaml

# Headless Chromium for the Swagger UI test; apt only when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (Debian package) for the Swagger UI test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Load REPORTS into the database (incremental: unchanged reports are skipped by their
# hash); when the extractor, loader or reference data changed since the last load,
# re-extract every report (--force). Without REPORTS the database is only created (or
# migrated) and served as it is.
EXTRACTOR_FILES := $(wildcard api/extract/*.py api/load/*.py api/reference/*.py seeds/*.toml)
FORCE = $(if $(wildcard $(EVACFACTS_DB)),$(if $(shell find $(EXTRACTOR_FILES) -newer $(EVACFACTS_DB) 2>/dev/null),--force))

load: install-serve
	$(if $(strip $(REPORTS)),$(BIN)/evacfacts load $(REPORTS) --db $(EVACFACTS_DB) $(FORCE) \
		&& touch $(EVACFACTS_DB),$(BIN)/python -c \
		"from api import store; store.connect('$(EVACFACTS_DB)').close()")

serve: install-serve load
	$(BIN)/gunicorn -c gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - 'api.web.app:create_app()'

# Regenerate the committed OpenAPI document from the app (tests fail when it drifts). Keys
# keep the app's order (not sorted): a client generator takes a response's first media
# type it knows, which must be application/json, not application/geo+json.
openapi: install-serve
	EVACFACTS_DB=:memory: FLASK_APP=api.web.app:create_app $(BIN)/flask openapi print \
		--format=json | $(BIN)/python -c 'import json, sys, yaml; yaml.safe_dump(json.load(\
		sys.stdin), sys.stdout, sort_keys=False, allow_unicode=True, width=100)' > openapi.yaml

# Extract the seed reports and score them against the shared gold file.
score: install
	$(BIN)/evacfacts extract seeds/reports > /tmp/evacfacts-pred.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/gold/seeds.jsonl /tmp/evacfacts-pred.jsonl

# Extraction speed against quantulum3 on one synthetic corpus, one CPU core.
N ?= 2000
bench-extract: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extract_speed.py -n $(N)

# Bulk load of claims files (`evacfacts load --claims`), one core: claims/s. N reports.
bench-load-claims: install
	$(BIN)/python bench/load_claims.py -n $(N)

# Load at N/10 and N reports, then evacfacts vs Datasette vs bare Flask under wrk
# (see "Performance and scale" in the README). N defaults to 50,000 here.
BENCH_N := $(if $(filter command line environment,$(origin N)),$(N),50000)
bench: install wrk
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/scale.py -n $(BENCH_N)

# Peak RSS of a whole CSV export of 1.5M claims (builds build/bench/export.db once).
bench-export: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/export_memory.py

# 40 s of posters, a deleter and readers on 2 workers, with a load of 500 reports alongside.
bench-soak: install
	$(BIN)/python bench/soak.py

# wrk (Debian package) for `make bench`; apt only when it is missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "installing wrk (Debian package) for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# The extractor's output on every annotated set, stored byte for byte so that a change
# meant to leave the output alone can be shown to (tests/extract/test_expected_output.py).
# Regenerate only when the extractor is meant to change what it says.
EXPECTED_SETS := seeds=seeds/reports $(foreach set,devset devset2 evalset3 evalset4 evalset5,$(set)=tests/data/$(set)/reports)
expected-claims: install
	@mkdir -p tests/extract/expected
	@for pair in $(EXPECTED_SETS); do \
		$(BIN)/evacfacts extract $${pair#*=} > tests/extract/expected/$${pair%%=*}.jsonl; done

# The extractor on every annotated set in the repository.
score-all: install
	@for set in devset devset2 evalset3 evalset4 evalset5; do \
		$(BIN)/evacfacts extract tests/data/$$set/reports > /tmp/evacfacts-$$set.jsonl; \
		printf '%-9s ' $$set; $(BIN)/python ../shared/eval/score.py tests/data/$$set/gold.jsonl \
			/tmp/evacfacts-$$set.jsonl | tail -n 1; done

# The extractor on the real-news set (tests/data/realnews/NOTES.md): SPLIT=dev (default) or
# SPLIT=heldout. The article texts are not committed; without them this only says how to get them.
SPLIT ?= dev
REALNEWS_TEXTS ?= $(or $(EVACFACTS_REALNEWS_TEXTS),tests/data/realnews/texts)
ifeq ($(wildcard $(REALNEWS_TEXTS)/*.txt),)
score-real:
	@echo "score-real: no real-news texts in $(REALNEWS_TEXTS) (article text is never committed)."
	@echo "  tests/data/realnews/manifest.jsonl lists each excerpt's URL, outlet and the exact query"
	@echo "  for the stored-pages search; save each text as tests/data/realnews/texts/<source>"
	@echo "  (or set EVACFACTS_REALNEWS_TEXTS to a directory of them) and the hashes will be checked."
else
score-real: install
	$(BIN)/python tests/data/realnews/build_gold.py --texts $(REALNEWS_TEXTS)
	$(BIN)/evacfacts extract build/realnews/$(SPLIT)/reports > /tmp/evacfacts-real-$(SPLIT).jsonl
	$(BIN)/python ../shared/eval/score.py build/realnews/$(SPLIT)/gold.jsonl \
		/tmp/evacfacts-real-$(SPLIT).jsonl
endif

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache node_modules
