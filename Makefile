# The two commands of the README:
#   make serve   set everything up, then preview the site on http://127.0.0.1:8000/ (updated as you save)
#   make test    set everything up (browser and nginx included), then run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve site test unit bench new-case new-update init lock print-deps system-deps clean

# The pinned dependencies, then this project itself (editable: code changes take effect without reinstalling).
$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the tests use the system's (system-deps).
# The browser editor (/admin/, Decap CMS) comes from here too: make serve installs it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent --ignore-scripts
	touch $@

setup: $(BIN)/.installed

serve: setup print-deps node_modules/.installed
	$(BIN)/python -m fraudbuild.serve --address 127.0.0.1:8000

# Builds into a temporary folder and replaces site/ only when the whole build succeeded.
# A release needs the public address and the corrections contact:
#   SITE_URL=https://your.host/ CORRECTIONS_CONTACT=fanzha@your.host make site
site: setup print-deps
	$(BIN)/python -m fraudbuild.build

# Installs the Debian packages it is given that are not installed yet (as root), or says which to install.
define debian_packages
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages first: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
endef

# What the build needs to print the leaflet, the poster and the card (WeasyPrint): Pango and
# HarfBuzz's subsetter, Noto CJK for Chinese and Liberation Sans for English.
PRINT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-liberation
# What the tests add: Chromium, nginx, Java for the Nu Html Checker (vnu.jar, from npm) and
# poppler-utils, which renders the PDFs to images so that their QR codes can be read back.
TEST_PACKAGES := chromium nginx-light default-jre-headless poppler-utils

print-deps:
	$(call debian_packages,$(PRINT_PACKAGES))

# A package's command counts as installed too (nginx rather than nginx-light, a JDK rather than the JRE).
system-deps: print-deps
	$(call debian_packages,$(filter-out $(if $(shell command -v nginx || ls /usr/sbin/nginx 2>/dev/null),nginx-light) \
	  $(if $(shell command -v java),default-jre-headless),$(TEST_PACKAGES)))

test: setup node_modules/.installed system-deps
	$(BIN)/python -m pytest

unit: setup print-deps
	$(BIN)/python -m pytest tests -m "not browser and not build and not nginx"

bench: setup print-deps
	$(BIN)/python bench/bench.py

# make new-case SLUG=2026-county-example [COUNTY=<a county of data/catalogue.yml>] [TYPE=fake-refund] [DATE=2026-01-02]
new-case: setup
	$(BIN)/python -m fraudsite.newcase $(SLUG) $(if $(COUNTY),--county $(COUNTY)) $(if $(TYPE),--type $(TYPE)) \
	  $(if $(DATE),--date $(DATE))

# make new-update SLUG=2026-05-01-example (the date the slug starts with becomes the update's date)
new-update: setup
	$(BIN)/python -m fraudsite.newupdate $(SLUG)

# make init DIR=../my-centre-site: write a new, neutral site for another centre (a new or empty folder)
init: setup
	$(BIN)/fraudsite init $(DIR)

# Re-pin every dependency after editing requirements.in.
lock:
	rm -rf /tmp/fraudsite-lock && $(PYTHON) -m venv /tmp/fraudsite-lock
	/tmp/fraudsite-lock/bin/pip install --quiet -r requirements.in
	(echo "# Every package pinned (generated from requirements.in by 'make lock')."; \
	 /tmp/fraudsite-lock/bin/pip freeze --all | grep -v "^pip==") > requirements.txt

clean:
	rm -rf site .site-* .pytest_cache test-artifacts .cache
