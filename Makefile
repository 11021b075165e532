# The two commands of the README: `make demo` (main job on the default model) and `make test`.
# Both run scripts/setup.sh first, which installs whatever is missing and is quick when nothing is.
SHELL := /bin/bash
VENV := .venv/bin
export ACT_SETUP_MODELS ?= qwen2.5-coder-0.5b smollm2-135m

.PHONY: setup test test-fast lint bench-sandbox demo clean-containers

setup:
	@bash scripts/setup.sh

test:
	@ACT_SETUP_TEST=1 bash scripts/setup.sh
	@bash scripts/install-code-server.sh
	@$(VENV)/ruff check act_lsp act_train tests benchmarks sandbox scripts
	@$(VENV)/pytest -q --durations=15  # the slowest tests, for the suite's time budget

# The pure tests: no Docker engine, no model, no editor (about 30 s).
test-fast:
	@ACT_SETUP_TEST=1 bash scripts/setup.sh
	@$(VENV)/pytest -q -m "not slow and not vscode and not docker and not model"

lint:
	@$(VENV)/ruff check act_lsp act_train tests benchmarks sandbox scripts

bench-sandbox: setup
	@$(VENV)/python benchmarks/sandbox_bench.py

demo: setup
	@$(VENV)/python scripts/demo.py

clean-containers:
	@docker ps -aq --filter label=org.act.sandbox | xargs -r docker rm -f
