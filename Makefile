# The two commands of the README:
#   make serve   set everything up, then preview the site on http://127.0.0.1:8000/ (updated as you save)
#   make test    set everything up (browser and nginx included), then run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve site test unit bench new-case lock system-deps clean

# The pinned dependencies, then this project itself (editable: code changes take effect without reinstalling).
$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the tests use the system's (system-deps).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent --ignore-scripts
	touch $@

setup: $(BIN)/.installed

serve: setup
	$(BIN)/python -m fraudbuild.serve --address 127.0.0.1:8000

# Builds into a temporary folder and replaces site/ only when the whole build succeeded.
# A release needs the public address and the corrections contact:
#   SITE_URL=https://your.host/ CORRECTIONS_CONTACT=fanzha@your.host make site
site: setup
	$(BIN)/python -m fraudbuild.build

# Debian packages the browser and server tests use: Chromium, nginx, CJK fonts for screenshots,
# and Java for the Nu Html Checker (vnu.jar, from npm).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages first: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

test: setup node_modules/.installed system-deps
	$(BIN)/python -m pytest

unit: setup
	$(BIN)/python -m pytest tests -m "not browser and not build and not nginx"

bench: setup
	$(BIN)/python bench/bench.py

# make new-case SLUG=2026-dali-example [COUNTY=dali] [TYPE=fake-refund] [DATE=2026-01-02]
new-case: setup
	$(BIN)/python -m fraudsite.newcase $(SLUG) $(if $(COUNTY),--county $(COUNTY)) $(if $(TYPE),--type $(TYPE)) \
	  $(if $(DATE),--date $(DATE))

# Re-pin every dependency after editing requirements.in.
lock:
	rm -rf /tmp/fraudsite-lock && $(PYTHON) -m venv /tmp/fraudsite-lock
	/tmp/fraudsite-lock/bin/pip install --quiet -r requirements.in
	(echo "# Every package pinned (generated from requirements.in by 'make lock')."; \
	 /tmp/fraudsite-lock/bin/pip freeze --all | grep -v "^pip==") > requirements.txt

clean:
	rm -rf site .site-* .pytest_cache test-artifacts
