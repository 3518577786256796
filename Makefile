# Two commands on a fresh machine: `make run` (the app) and `make test` (the tests).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
export HF_HUB_OFFLINE ?= 1

.PHONY: run test install install-test ingest lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch is installed first, pinned, so pip takes the CPU wheel from local disk (never a CUDA build).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

ingest: install
	$(BIN)/siaga ingest data/articles

run: install
	$(BIN)/siaga ingest data/articles || true
	$(BIN)/python -m ui.serve --server.headless true --server.address 127.0.0.1 --server.port $(PORT)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/query.py

clean:
	rm -rf data/index reports .pytest_cache
