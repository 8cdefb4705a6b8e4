# `make test` is what CI runs (.ci/run): it installs what the tests need if it
# is missing, then runs the Swift tests on SQLite and PostgreSQL and the browser suite.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
E2E_PACKAGES := playwright==1.65.2 pytest==9.2.0 aiosmtpd==1.4.6 pyotp==2.12.0 schemathesis==4.32.5 axe-playwright-python==0.1.8 prometheus-client==0.26.0

.PHONY: cluster cluster-down bench bench-cluster bench-smoothness test test-under-load lint format swift-test swift-test-postgres e2e deps chromium zbar venv build run clean

# The style checks come first: a formatting slip or a broken module fails in seconds, not after the build.
test: lint deps build swift-test swift-test-postgres e2e

# swift-format (in the toolchain) with .swift-format, and `node --check` on every front-end module.
lint:
	swift format lint --strict --recursive Sources Tests Package.swift
	scripts/check-js.sh

# Rewrites the Swift sources in the house style (what `make lint` asks for).
format:
	swift format format --in-place --recursive Sources Tests Package.swift

build:
	swift build --build-tests

# The same suite with a CPU hog per core beside it (load average ~4 on 2 cores): it must pass.
# For developers and the overload benchmark; CI runs `make test` only.
test-under-load: deps build
	scripts/with-cpu-hogs.sh $(MAKE) swift-test swift-test-postgres e2e

# Swift Testing otherwise starts every test at once: a few hundred test apps, each with its server,
# pool and migrations, on 2 cores and one PostgreSQL, time each other out. 24 at a time is as fast
# on SQLite and twice as fast on PostgreSQL (226 s instead of 506 s), with nobody starved.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH ?= 24

swift-test: deps build
	swift test --skip-build

# The database-facing tests again, against a throwaway PostgreSQL server.
swift-test-postgres: deps build
	scripts/with-postgres.sh swift test --skip-build --filter AppTests

e2e: deps build
	$(PYTHON) -m pytest e2e -q

deps: chromium zbar venv

# A throwaway PostgreSQL, CLUSTER_INSTANCES instances (3) and nginx on CLUSTER_PORT (8088), described
# in .cluster/cluster.json; `make cluster-down` stops it all by pid.
cluster: build
	scripts/cluster.py up

cluster-down:
	scripts/cluster.py down

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "== installing Chromium from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# A real QR decoder, to check that our QR codes scan.
zbar:
	@if ! command -v zbarimg >/dev/null 2>&1; then \
		echo "== installing zbar-tools from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(E2E_PACKAGES)
	touch $@

# Release builds: engine ticks per second on one core and the AI win-rate table
# (pongbench), then the server under N concurrent games over real WebSockets
# (loadgen; BENCH_LEVELS=1000,2500,5000,7500 and BENCH_SECONDS=10 by default), after chat
# fan-out to 1,000 connected players in rooms (BENCH_CHAT_USERS, BENCH_CHAT_RATES; BENCH_PART=chat|games),
# the quick-match queue under 2,000 joining players (matchbench; BENCH_MATCH_PLAYERS, BENCH_MATCH_SECONDS),
# 100 concurrent 8-player tournaments (BENCH_PART=tournaments, BENCH_TOURNAMENTS), and games, chat and HTTP
# at 1.5× and 3× capacity with a CPU hog per core beside the server (BENCH_PART=overload), and the
# fairness tables: a 150 ms-reaction follower against the hard AI behind each network profile, and
# lan-vs-far pairs (BENCH_PART=fairness; BENCH_FAIR_GAMES, BENCH_FAIR_PAIRS).
bench:
	swift build -c release --product transcendence
	swift build -c release --product loadgen
	swift run -c release pongbench
	swift run -c release matchbench
	# The statistics part also runs on a throwaway PostgreSQL (TEST_DATABASE_URL); the rest uses SQLite.
	scripts/with-postgres.sh .build/release/loadgen

# How smooth a remote game looks in Chromium with one player behind wifi and one behind mobile:
# the drawn ball against the server's true position, corrections a minute, key-to-paddle frames.
bench-smoothness: deps
	swift build -c release --product transcendence
	$(PYTHON) scripts/smoothness_bench.py --binary .build/release/transcendence

# What the bus and the game relay cost, on 1 and 3 instances behind nginx, and how long a game is
# gone when its instance is killed (BENCH_KILLS, 20); release build.
bench-cluster:
	swift build -c release --product transcendence
	scripts/cluster_bench.py --binary .build/release/transcendence
	scripts/takeover_bench.py --binary .build/release/transcendence

run:
	swift run transcendence

clean:
	rm -rf .build $(VENV) e2e/output
