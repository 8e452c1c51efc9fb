# Task runner: the README's commands. Everything installs into .venv with Python >= 3.12.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The newest of python3.13 / python3.12 found on PATH or under pyenv (Debian 12's python3 is 3.11).
PYTHON ?= $(shell for c in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 python3; do \
	command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$c; break; }; done)
DATA ?= $(CURDIR)/.data

.PHONY: system-deps setup run demo test test-fast lint typecheck a11y-bus translations extract update-catalogs compile-catalogs check-catalogs review-status bench bundle installer deb screenshots report-pictures clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (none found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: system-deps $(STAMP) compile-catalogs

system-deps:
	@bash .ci/system-deps

## Start the program on the local default database (in ./.data) with a demo year loaded once.
run: setup
	FOREBYGG_DATA_DIR=$(DATA) $(PY) -m forebygg_desktop --demo

## A throw-away demo: the program on its own data folder (./.data-demo) with a demo year.
demo: setup
	FOREBYGG_DATA_DIR=$(DATA)-demo $(PY) -m forebygg_desktop --demo

## The whole test suite (offscreen Qt).
test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test-fast: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

lint: setup
	$(PY) -m ruff check forebygg_desktop tests benchmarks build devtools
	$(PY) -m mypy

## mypy (strict) over the whole package.
typecheck: $(STAMP)
	$(PY) -m mypy

## The screen-reader walk over the real AT-SPI bus (Xvfb, system python3-pyatspi); see docs/accessibility.md.
a11y-bus: setup
	for lang in sv ar; do xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \
		/usr/bin/python3 devtools/atspi_walk.py --python $(PY) --language $$lang --out atspi-$$lang.md || exit 1; done

## Offscreen pictures of the registration areas, the materials viewer and the backup screens (sv, ar) in screenshots/.
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m forebygg_desktop.devtools.registration_screens --languages sv ar
	QT_QPA_PLATFORM=offscreen $(PY) -m forebygg_desktop.devtools.materials_screens sv ar
	QT_QPA_PLATFORM=offscreen $(PY) -m forebygg_desktop.devtools.data_care_screens --languages sv ar

extract: $(STAMP)
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k N_ -k NC_:1c,2 -k pgettext:1c,2 -k npgettext:1c,2,3 \
		--add-comments=TRANSLATORS: --sort-by-file --project=forebygg-desktop \
		-o translations/messages.pot forebygg_desktop

update-catalogs: extract
	$(PY) -m forebygg_desktop.devtools.catalogs update

## .po -> .mo, and translations/qt/*.ts -> .qm with PySide6's lrelease (Qt's own Somali texts).
compile-catalogs: $(STAMP)
	$(PY) -m forebygg_desktop.devtools.catalogs compile

## Extract, merge and compile in one go; then `make check-catalogs` lists what is left to do.
translations: update-catalogs compile-catalogs

check-catalogs: $(STAMP)
	$(PY) -m forebygg_desktop.devtools.catalogs check

## What a native speaker has reviewed: catalogs, questionnaires, kiosk texts, sheets.
review-status: $(STAMP)
	$(PY) -m forebygg_desktop.devtools.review_status

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

## The demo quarter's workbook (sv, ar) through LibreOffice to PDF and PNG, and the summary PDF.
report-pictures: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m forebygg_desktop.devtools.report_pictures

## The one-folder bundle (window + forebygg-cli), built in a clean runtime-only environment.
bundle: setup
	$(PY) build/build_bundle.py

## The Windows installer built with makensis from the bundle `make bundle` left (on Linux: the
## Linux bundle as a stand-in payload, so the script is compiled on every CI run).
installer: setup
	$(PY) build/build_installer.py

## A Debian package of the Linux bundle (/opt/forebygg-desktop, menu entry, /usr/bin links).
deb: setup
	$(PY) build/build_deb.py

clean:
	rm -rf $(VENV) dist build-output dist-bundle .pytest_cache .mypy_cache
