# vanphong: the commands a user needs. `make run` to try it, `make test` to trust it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

.PHONY: install run test lint format bench messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

run: install
	$(BIN)/vanphong migrate --verbosity 0
	$(BIN)/vanphong demo
	$(BIN)/vanphong serve $(ADDR)

test: install
	$(BIN)/python tests/run_suite.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench

# Re-extract the translatable strings (needs GNU gettext) and compile the catalogues. Source
# strings are English, so Vietnamese is the only catalogue; file-only locations keep diffs small.
# The data directory is pinned because the command runs from inside the package.
messages: install
	cd src/vanphong && VANPHONG_DATA_DIR=../../var ../../$(BIN)/vanphong makemessages -l vi --no-obsolete --add-location=file
	$(BIN)/vanphong compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
