# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BUNDLED := data/curated data/records data/samples
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: install run ingest serve test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/policy-timeline ingest $(BUNDLED)

serve: install
	$(BIN)/policy-timeline serve --host $(HOST) --port $(PORT)

run: ingest serve

lint: install
	$(BIN)/ruff check ingest dashboard tests bench
	$(BIN)/ruff format --check ingest dashboard tests bench
	$(BIN)/mypy ingest dashboard

format: install
	$(BIN)/ruff check --fix ingest dashboard tests bench
	$(BIN)/ruff format ingest dashboard tests bench

test: lint
	$(BIN)/pytest

CORPUS ?= ../shared/corpus/whitehouse
# PG: a PostgreSQL URL (emptied first) to measure concurrent ingests on it too
PG ?=
bench: install
	$(BIN)/python -m bench.extract_throughput $(CORPUS) --ingest --write docs/benchmarks.md
	$(BIN)/python -m bench.extraction_quality --write docs/benchmarks.md
	$(BIN)/python -m bench.csv_ingest_scaling --write docs/benchmarks.md
	$(BIN)/python -m bench.concurrent_ingest $(CORPUS) $(if $(PG),--pg $(PG)) --write docs/benchmarks.md
	$(BIN)/python -m bench.merge_scaling --write docs/benchmarks.md
	$(BIN)/python -m bench.dashboard_interaction --write docs/benchmarks.md
	$(BIN)/python -m bench.dashboard_browser --write docs/benchmarks.md
	$(BIN)/python -m bench.load_test --store 100000 --users 8 --seconds 60 --ingest --write docs/benchmarks.md
	$(BIN)/python -m bench.fetch_round $(CORPUS) --write docs/benchmarks.md

clean:
	rm -rf $(VENV) data/timeline.db data/timeline.db-wal data/timeline.db-shm .pytest_cache .mypy_cache .ruff_cache
