# Two commands set everything up: `make build` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test clean

# (Re)install when the project's metadata changes; creates the venv when missing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/indicators build data/samples -o output

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/observations output/documents output/manifest.json
