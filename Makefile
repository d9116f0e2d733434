# Khuyến công — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python 3.12 or newer; pyenv picks 3.13.0 from .python-version.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_SCALE ?= 1

.PHONY: help setup system-check migrate demo run test test-fast lint clean-db bench messages serve audit guide

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then echo "Cần Python 3.12 trở lên (Python 3.12+ required)"; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# axe-core and the Nu HTML checker for tests/test_accessibility.py, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "Thiếu npm (npm missing): tests/test_accessibility.py sẽ bị bỏ qua" >&2; fi

setup: $(VENV)/.installed node_modules/.installed system-check ## Create .venv, install the pinned requirements and the npm test tools

system-check: ## Install (as root) or name the system packages PDF export and the tests need
	@bash scripts/system_packages.sh
	@$(PY) scripts/system_check.py

migrate: setup ## Apply migrations (embedded PostgreSQL unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the official administrative units, then the demo data from the seed documents
	$(PY) manage.py load_admin_units
	$(PY) manage.py load_demo

run: demo ## Set everything up and serve on http://127.0.0.1:8000
	$(PY) manage.py schedule_periodic_tasks
	@echo "Tác vụ nền và nhắc việc định kỳ (background work, reminders): $(PY) manage.py db_worker ở một cửa sổ khác."
	@echo "Mở http://$(HOST):$(PORT)/ — đăng nhập bằng một tài khoản ở trên."
	$(PY) manage.py runserver $(HOST):$(PORT)

guide: demo ## The user guide: screenshots of every step by Chromium from the demo data, then guide/build/huong-dan-su-dung.pdf (about 1 min)
	$(PY) manage.py build_guide

# The whole suite on two workers as well; the tests of the machine's Redis and RabbitMQ
# share one worker (tests/conftest.py, MACHINE_SERVICE_MODULES). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2

test: setup ## Set up and run the whole test suite
	@set +e; $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "Không có bài kiểm thử nào được chạy (pytest exit 5): coi là lỗi."; exit 1; fi; \
	exit $$rc

# Two workers, as the project's machines have two cores; each starts from a copy of the
# prepared test database (tests/prepared_database.py).
FAST_WORKERS ?= 2

test-fast: setup ## The suite without browser and slow tests (under two minutes)
	@set +e; $(PY) -m pytest -m "not browser and not slow" -n $(FAST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "Không có bài kiểm thử nào được chạy (pytest exit 5): coi là lỗi."; exit 1; fi; \
	exit $$rc

lint: setup ## ruff (lint and format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

bench: setup ## Benchmark at national scale (BENCH_SCALE=1): figures on stdout and in bench-results.json
	$(PY) bench/run.py --scale $(BENCH_SCALE)

messages: setup ## Extract interface strings into locale/en (fill the new msgstr) and compile the .mo; needs gettext
	$(PY) manage.py makemessages -l en --no-obsolete --no-wrap --ignore='.venv/*' --ignore='bench/*' --ignore='scripts/*' --ignore='tests/*'
	$(PY) manage.py compilemessages -l en --ignore='.venv/*'

# Production settings on this machine: plain HTTP on loopback, so no redirect to
# HTTPS; the secret key is generated once and kept in .data/secret_key.
SERVE_ENV = DJANGO_ENV=production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .data/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	GUNICORN_BIND="$(HOST):$(PORT)"

.data/secret_key:
	@mkdir -p .data && umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

serve: setup .data/secret_key ## Production settings locally: migrate, collectstatic, gunicorn on 127.0.0.1:8000
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(PY) manage.py schedule_periodic_tasks
	@echo "Mở http://localhost:$(PORT)/ — tài khoản minh họa bị từ chối ở chế độ vận hành;"
	@echo 'Tạo tài khoản (create an account): DJANGO_ENV=production SECRET_KEY="$$(cat .data/secret_key)" ALLOWED_HOSTS=localhost $(PY) manage.py createsuperuser'
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

audit: setup ## Known vulnerabilities in the installed dependencies (pip-audit)
	$(PY) scripts/dependency_audit.py
