# Microcred: `make demo` starts the platform with demo data, `make test` runs the whole suite.
# Both install every dependency into .venv from the committed lock files first.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export SITE_URL ?= http://127.0.0.1:$(PORT)
# Keep in sync with tests/test_translations.py, which regenerates the catalogues the same way.
MESSAGE_FLAGS := -l pl -l el -l de -l es -l it -l pt --no-obsolete --no-location --ignore "*/tests/*" --ignore "testing/*"
NPM_PROJECTS := $(dir $(wildcard tests/e2e/package-lock.json interop/*/package-lock.json))

.PHONY: demo test install js-deps interop-deps lint messages lock check-deploy audit

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Microcred needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

js-deps:
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed for the browser and interoperability tests: sudo apt-get install nodejs npm"; exit 1; }
	@for dir in $(NPM_PROJECTS); do \
	  if [ ! -f $$dir/node_modules/.package-lock.json ] || [ $$dir/package-lock.json -nt $$dir/node_modules/.package-lock.json ]; then \
	    npm ci --prefix $$dir --no-audit --no-fund --loglevel=error || exit 1; \
	  fi; \
	done

# Python judges of our exports, kept out of the app's .venv (like the npm ones in interop/).
PY_JUDGES := $(dir $(wildcard interop/*/requirements.txt))

interop-deps: install
	@for dir in $(PY_JUDGES); do \
	  if [ ! -d $$dir/site ] || [ $$dir/requirements.txt -nt $$dir/site ]; then \
	    rm -rf $$dir/site && \
	    $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes --target $$dir/site -r $$dir/requirements.txt || exit 1; \
	  fi; \
	done

demo: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Microcred is starting at $(SITE_URL)/  (stop it with Ctrl+C)"
	@# A background worker runs queued tasks (e-mails, credentials) beside the web server.
	trap 'kill 0' INT TERM EXIT; $(BIN)/python manage.py db_worker --no-startup-delay & \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install js-deps interop-deps
	@command -v chromium >/dev/null || echo "NOTE: Chromium is missing, so the browser tests cannot run. Install it with: sudo apt-get install chromium"
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -p no:django -q vckit/tests
	@# Tests that commit (and so flush the database) run in a second pass, never before others.
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not transactional" microcred tests
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m transactional microcred tests

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check microcred

messages: install
	cd microcred && ../$(BIN)/python ../manage.py makemessages $(MESSAGE_FLAGS)
	cd microcred && ../$(BIN)/python ../manage.py compilemessages

lock:
	$(PYTHON) -m venv /tmp/microcred-lock && /tmp/microcred-lock/bin/pip install --quiet pip-tools
	/tmp/microcred-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --quiet -o requirements.lock requirements.in

check-deploy: install
	MICROCRED_PRODUCTION=1 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	CREDENTIAL_KEK=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	ALLOWED_HOSTS=microcred.example TRUSTED_PROXY_COUNT=1 $(BIN)/python manage.py check --deploy --fail-level WARNING

# Known vulnerabilities in the locked Python packages (needs network access: it asks the PyPI
# advisory database). pip-audit is installed on demand into its own environment, never into the
# locked runtime, so offline installs keep working. docs/dependencies.md lists what matters.
audit:
	$(PYTHON) -m venv /tmp/microcred-audit && /tmp/microcred-audit/bin/pip install --quiet --disable-pip-version-check pip-audit
	@# --strict: a package that could not be checked is a failure, not "no known vulnerabilities".
	/tmp/microcred-audit/bin/pip-audit --strict --disable-pip --require-hashes --requirement requirements.lock
