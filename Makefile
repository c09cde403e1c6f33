# The index of newsdesk's commands. `make run` and `make test` set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
TOOLS := .test-tools
DEMO_ARTICLES ?= 300
PYTEST_ARGS ?=

.PHONY: lock run test test-fast test-services lint format check audit bench bench-seed reset admin-password messages card-font soak

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV) || { apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip

# Every install is the one that was tested: the lock files pin each package, with its hashes
# (`make lock` writes them again from pyproject.toml). newsdesk itself goes in without
# dependencies and without build isolation, so pip fetches nothing the locks do not name.
APP_LOCK := requirements/app.txt
TEST_LOCK := requirements/test.txt

$(VENV)/.installed: $(APP_LOCK) pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install --quiet --require-hashes -r $(APP_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(TEST_LOCK) pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

## lock: pin every dependency again with its hashes (`make lock LOCK_ARGS=--upgrade` for newer)
# pip-tools runs from a venv of its own, so the tool is not part of what it locks. The app's
# lock has the S3 media extra (deploy/ installs from it); the test lock has everything.
LOCK_VENV := var/lock-tools
LOCK_ARGS ?=
PIP_COMPILE = $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) \
		&& $(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2; }
	$(PIP_COMPILE) --extra s3 -o $(APP_LOCK) pyproject.toml requirements/build.in
	$(PIP_COMPILE) --extra s3 --extra test -o $(TEST_LOCK) pyproject.toml requirements/build.in

## run: set up, migrate, load demo content if the database is empty, serve on :8000
run: $(VENV)/.installed card-font
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) setup_outlet
	$(MANAGE) seed_demo --articles $(DEMO_ARTICLES) --if-empty
	$(MANAGE) admin_login
	@echo "Serving http://127.0.0.1:8000/ (Ctrl-C stops)"
	$(MANAGE) serve

## test: install what the tests need (browser, checkers) and run the whole suite
test: $(VENV)/.installed-test test-tools lint check
	$(PY) -m pytest $(PYTEST_ARGS)

## test-services: the whole suite against PostgreSQL and Redis running on 127.0.0.1
# pytest-django creates (and drops) the database test_newsdesk; each demo server the tests
# start gets a database of its own. Redis keys carry a prefix per run (database 14).
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsdesk
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/14
test-services: $(VENV)/.installed-test test-tools
	@$(PY) tests/services.py check || { \
		if [ "$$CI" = "true" ]; then echo "CI=true: PostgreSQL and Redis must be running" >&2; exit 1; fi; \
		echo "Skipping the services suite: PostgreSQL or Redis is not running"; exit 0; }
	NEWSDESK_TEST_SERVICES=1 DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) \
		$(PY) -m pytest $(PYTEST_ARGS)

## test-fast: the suite without the browser and third-party checkers
test-fast: $(VENV)/.installed-test card-font
	$(PY) -m pytest -m "not browser and not quality" $(PYTEST_ARGS)

# Debian's chromium and a Java runtime from apt; Lighthouse and the Nu Html Checker from npm,
# pinned exactly, into a git-ignored folder. Nothing here downloads a browser build or a JDK:
# --ignore-scripts skips vnu-jar's Java downloader, the SKIP variables any browser fetch.
# Lighthouse 12 is the newest line that runs on Node 20 (13 needs Node >= 22.19).
LIGHTHOUSE_VERSION := 12.8.2
VNU_JAR_VERSION := 26.9.27
TOOLS_STAMP := $(TOOLS)/.installed-lighthouse-$(LIGHTHOUSE_VERSION)-vnu-$(VNU_JAR_VERSION)

APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

# Sharing cards are drawn in Debian's DejaVu Sans (Latin, Cyrillic, Armenian; NEWSDESK_CARD_FONT).
card-font:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf || { $(APT_INSTALL) fonts-dejavu-core; }

# Varnish (with the xkey module) for the HTTP cache tests; nothing is started as a service.
test-tools: $(TOOLS_STAMP) card-font
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium; }
	@command -v java >/dev/null || { $(APT_INSTALL) default-jre-headless; }
	@command -v varnishd >/dev/null && test -n "$$(find /usr/lib -name libvmod_xkey.so 2>/dev/null)" \
		|| { $(APT_INSTALL) varnish varnish-modules; }

$(TOOLS_STAMP):
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit \
		--no-fund --ignore-scripts --save-exact --prefix $(TOOLS) \
		lighthouse@$(LIGHTHOUSE_VERSION) vnu-jar@$(VNU_JAR_VERSION)
	touch $@

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=newsdesk.settings_test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=newsdesk.settings_test $(MANAGE) makemigrations --check --dry-run

## audit: Lighthouse's four scores for home, section and article pages in every edition
audit: $(VENV)/.installed-test test-tools
	$(PY) bench/audit.py

## bench: every benchmark; bench-seed: demo content load time (3,000 articles);
## bench-speed: issue 5's load benchmark on SIZE articles (`make bench STACK=services SIZE=100000`)
# The speed bench keeps its dataset in var/bench/ (and the services stack's in PostgreSQL as
# newsdesk_bench_<SIZE>), builds it on first use and writes docs/benchmarks/<STACK>-<SIZE>.*.
STACK ?= embedded
SIZE ?= 1000000
.PHONY: bench-speed bench-tools bench-distribution bench-newsroom

bench: bench-seed bench-speed bench-distribution bench-newsroom

bench-seed: $(VENV)/.installed
	$(PY) bench/seed.py --articles 3000

bench-speed: $(VENV)/.installed bench-tools
	$(PY) bench/speed.py --stack $(STACK) --size $(SIZE)

## bench-distribution: issue 8's API and sitemap timings on the same dataset (built when missing)
bench-distribution: $(VENV)/.installed bench-tools
	$(PY) bench/distribution.py --stack $(STACK) --size $(SIZE)

## bench-newsroom: the newsroom's admin screens on the speed bench's dataset (`make bench-newsroom SIZE=100000`)
NEWSROOM_SIZE ?= $(SIZE)
bench-newsroom: $(VENV)/.installed
	$(PY) bench/newsroom.py --stack $(STACK) --size $(NEWSROOM_SIZE)

# Varnish (with xkey), nginx and wrk from Debian; nothing is started as a service.
bench-tools:
	@command -v varnishd >/dev/null && test -n "$$(find /usr/lib -name libvmod_xkey.so 2>/dev/null)" \
		|| { $(APT_INSTALL) varnish varnish-modules; }
	@command -v nginx >/dev/null || { $(APT_INSTALL) nginx; }
	@command -v wrk >/dev/null || { $(APT_INSTALL) wrk; }

## soak: ten minutes of mixed load on the production stack (its own PostgreSQL primary and
## replica, Redis, Varnish, app server, worker), with an editor publishing; writes
## docs/benchmarks/soak.{json,md,svg} (docs/reliability.md). SOAK_SECONDS=60 for a short one.
SOAK_SECONDS ?= 600
soak: $(VENV)/.installed-test bench-tools
	$(PY) bench/soak.py --duration $(SOAK_SECONDS)

## reset: delete the local database and media (var/) and start over
reset:
	rm -rf var/db.sqlite3* var/media var/static var/admin-login.txt

admin-password: $(VENV)/.installed
	$(MANAGE) admin_login --new-password

## messages: refresh the translation catalogues after changing interface text
# Run from the top so templates/ is scanned too; every string lands in LOCALE_PATHS[0]
# (newsdesk/locale). The ignores keep installed packages and generated content out.
MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=node_modules --ignore=.test-tools \
	--ignore='newsdesk/demo/*' --ignore=tests --ignore=bench --ignore=docs
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l ru -l hy $(MESSAGE_IGNORES)
	$(MANAGE) compilemessages $(MESSAGE_IGNORES)

## bench-search: issue 7's search benchmark on SIZE articles (`make bench-search STACK=services`)
# Its dataset is its own: var/bench/search-<STACK>-<SIZE>/ (and newsdesk_search_bench_<SIZE>).
.PHONY: bench-search
bench-search: $(VENV)/.installed bench-tools
	$(PY) bench/search.py --stack $(STACK) --size $(SIZE)
