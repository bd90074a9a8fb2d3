# Two entry points: `make serve` (install + serve the shipped catalog) and `make test` (install + all tests).
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install serve test build eval browser nginx postgres

$(STAMP): setup.cfg setup.py pyproject.toml guide/native/e5fast.c
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test,eval,use,prod,postgres,import]'
	touch $(STAMP)

install: $(STAMP)

build: install
	$(VENV)/bin/guide build

# The main job: build (reused when the catalog is unchanged), then serve with gunicorn.
serve: install nginx
	$(VENV)/bin/guide build
	$(VENV)/bin/guide serve --prod

eval: install
	$(VENV)/bin/guide eval

# Debian's chromium for the browser tests (root on this machine; skipped when already present).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx: `guide serve --prod` starts it in front of gunicorn (slow-client protection).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }

# Debian's PostgreSQL: the runtime store's second backend, tested on a real server (tests/pgserver.py).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

test: install browser nginx postgres
	$(PY) -m pytest -q
