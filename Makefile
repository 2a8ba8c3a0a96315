# Two commands a newcomer needs: `make run` (extract + evaluate the bundled
# corpus) and `make test`. Both create .venv from nothing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run lint test train bench clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP)

run: setup
	$(BIN)/newsclaims extract corpus -o out/claims.jsonl --errors out/errors.jsonl --force
	$(BIN)/newsclaims eval corpus --claims out/claims.jsonl

# mypy reads the package as `newsclaims` through a link to pipeline/ (see
# [tool.mypy] in pyproject.toml).
lint: setup
	$(BIN)/ruff check pipeline tests benchmarks
	mkdir -p $(VENV)/mypy-path
	ln -sfn $(CURDIR)/pipeline $(VENV)/mypy-path/newsclaims
	MYPYPATH=$(VENV)/mypy-path $(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest -q

train: setup
	$(BIN)/newsclaims train

bench: setup
	$(BIN)/python benchmarks/newsquant.py
	$(BIN)/python benchmarks/throughput.py

clean-venv:
	rm -rf $(VENV)
