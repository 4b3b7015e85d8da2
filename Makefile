# After-Sales suite for Odoo 11.0: the two commands, and the tools behind them.
#   make run    set everything up, create/update the database, serve on :8069
#   make test   set everything up, install the suite fresh, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help
ADDONS := aftersales_ticket aftersales_repair aftersales_contract aftersales_survey addons/aftersales

.PHONY: help setup run test lint wheels check constraints bench clean

help:
	@sed -n '2,3p' Makefile | sed 's/^# *//'

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh

lint:
	@scripts/lint.sh

wheels: setup
	@scripts/wheels.sh

# What CI runs: lint, the five wheels, then the whole test suite.
check: lint wheels test

constraints: setup
	@{ echo '# Full lock of the virtualenv (pip freeze); regenerate with `make constraints`.'; \
	  .work/venv/bin/pip freeze --all | grep -v '^pip=='; } > requirements/constraints.txt

bench: setup
	@scripts/bench.sh

clean:
	rm -rf .work/log .work/wheels .work/*.conf
