# Two commands do everything on a fresh machine:  make demo  and  make test  (see README).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: setup demo test test-fast lint bench eval train clean

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	bash scripts/setup.sh --test
	touch $(TEST_STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/tenderlens scan examples/draft-tender-ai-triage.pdf --format text
	$(BIN)/tenderlens scan examples/draft-tender-ai-triage.pdf --format html --out out/draft-tender-ai-triage.html
	$(BIN)/tenderlens scan examples/redacted-contract.pdf --format md --out out/redacted-contract.md
	@echo "Open out/draft-tender-ai-triage.html in a browser for the full report."

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# Everything but model fitting, long batches and headless Chromium: a few minutes on two cores.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy src/tenderlens

eval: $(STAMP)
	$(BIN)/tenderlens eval --split test --engine all
	$(BIN)/tenderlens eval corpora/probe --split probe --engine all

train: $(STAMP)
	$(BIN)/tenderlens train

bench: $(STAMP)
	$(BIN)/python benchmarks/whole_process.py
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/redaction.py
	$(BIN)/python benchmarks/analysis.py

clean:
	rm -rf out .pytest_cache
