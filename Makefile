# hsarchive: `make report` and `make test` are all a fresh clone needs.
SWIFT    ?= swift
CONFIG   ?= release
BIN      := .build/$(CONFIG)/hsarchive
SAMPLES  := sample-data
SECRETS  := $(SAMPLES)/webhook-secrets.txt
OUT      ?= Reports

.PHONY: all build test report sample-data bench deps clean

all: build

# zlib's headers (Debian: zlib1g-dev): installed when running as root, else the command is printed.
deps:
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/linux/" >&2; exit 1; }
	@if [ -f /usr/include/zlib.h ] || pkg-config --exists zlib 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing zlib1g-dev (zlib headers)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev; \
	else \
		echo "zlib's headers are missing. Install them, then run make again:" >&2; \
		echo "  sudo apt-get install -y zlib1g-dev" >&2; exit 1; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product hsarchive

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# The reports of the committed sample archives, signed with the sample secrets.
report: build
	@chmod 600 $(SECRETS)
	$(BIN) report $(SAMPLES)/archive --secret-file $(SECRETS) --out $(OUT)

# Rewrites sample-data/ from the deterministic generator (same bytes every time).
sample-data: deps
	$(SWIFT) build -c $(CONFIG) --product sample-archives
	rm -rf $(SAMPLES)/archive
	.build/$(CONFIG)/sample-archives --out $(SAMPLES)/archive --secrets $(SECRETS)

bench: build
	@echo "make bench: the throughput benchmark arrives with the throughput issue; nothing to run yet."

clean:
	rm -rf .build
