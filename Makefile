# The README's commands. Everything installs into .venv with pip; torch's CPU wheel first,
# so that sentence-transformers does not pull a multi-GB CUDA build.
#
#   make run PORT=5001                                          # another port than 5000
#   make install TORCH_INDEX=https://download.pytorch.org/whl/cpu
#
# TORCH_INDEX: the index torch is installed from. Empty (the default), pip's own configuration
# decides: right where that serves the CPU wheel (a mirror or a wheel directory, as on our
# machines). Where the default index is PyPI on Linux, whose torch pulls about 3 GB of CUDA
# libraries, pass PyTorch's CPU index above.
PYTHON ?= python3
PORT   ?= 5000
TORCH_INDEX ?=
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export FLASK_APP := convention

.PHONY: run test bench bench-themes translations translations-update install chromium clean clean-data

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
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
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# Debian's Chromium for the browser tests (never a downloaded browser build).
chromium:
	@command -v /usr/bin/chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; fi; }

# The whole suite on SQLite, then the database-backed tests again on PostgreSQL: both run even
# when the first fails; one line per database, then the totals; non-zero exit when either failed.
test: install translations chromium
	$(BIN)/python tests/both_databases.py

bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench,multilingual]'
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/draw.py
	$(BIN)/python benchmarks/themes.py
	$(BIN)/python benchmarks/proposals.py

# Themes alone: quality of the clustering methods on the labelled sets, speed at 10,000.
bench-themes: install
	$(BIN)/pip install --quiet -e '.[dev,bench,multilingual]'
	$(BIN)/python benchmarks/themes.py

# The virtualenv and caches only: the databases and screenshots stay (make clean-data).
clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# The local data: instance/'s SQLite databases (the app's and the task queue's), test screenshots,
# benchmark results. Keeps instance/config.py and instance/secret_key.
clean-data:
	rm -f instance/*.sqlite instance/*.sqlite-wal instance/*.sqlite-shm instance/*.sqlite-journal
	rm -rf test-artifacts benchmarks/results

# Refresh the vendored axe-core of the browser tests (tests/browser/vendor/README.md); needs npm.
AXE_VERSION ?= 4.14.1
.PHONY: axe-core
axe-core:
	cd $$(mktemp -d) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz \
	  && cp package/axe.min.js $(CURDIR)/tests/browser/vendor/axe.min.js \
	  && cp package/LICENSE $(CURDIR)/tests/browser/vendor/axe-LICENSE.txt
