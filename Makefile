# Two commands a newcomer needs: `make run` (extract + evaluate the bundled
# corpus) and `make test`. Both create .venv from nothing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test train bench clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP)

run: setup
	$(BIN)/newsclaims extract corpus -o out/claims.jsonl --errors out/errors.jsonl --force
	$(BIN)/newsclaims eval corpus --claims out/claims.jsonl

test: setup
	$(BIN)/python -m pytest -q

train: setup
	$(BIN)/newsclaims train

bench: setup
	$(BIN)/python benchmarks/newsquant.py
	$(BIN)/python benchmarks/throughput.py

clean-venv:
	rm -rf $(VENV)
