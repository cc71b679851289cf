# The README's commands. Everything installs into .venv with pip; torch's CPU wheel first,
# so that sentence-transformers does not pull a multi-GB CUDA build.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export FLASK_APP := convention

.PHONY: run test test-sqlite test-postgres bench bench-themes translations translations-update install chromium clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d translations

# After changing user-facing strings: extract them, merge them into fr and en, then translate the new ones
# (tests/app/test_translations.py fails while a string of the code is untranslated).
translations-update: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --project=convention \
	  --copyright-holder="convention contributors" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --width=100

run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask convention demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Debian's Chromium for the browser tests (never a downloaded browser build).
chromium:
	@command -v /usr/bin/chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; fi; }

# The whole suite on SQLite, then the database-backed tests again on PostgreSQL.
test: install translations chromium
	$(BIN)/python -m pytest -q
	CONVENTION_TEST_DATABASE=postgresql $(BIN)/python -m pytest -q -m "not browser" tests/app

bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench,multilingual]'
	$(BIN)/python benchmarks/draw.py
	$(BIN)/python benchmarks/themes.py

# Themes alone: quality of the clustering methods on the labelled sets, speed at 10,000.
bench-themes: install
	$(BIN)/pip install --quiet -e '.[dev,multilingual]'
	$(BIN)/python benchmarks/themes.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
