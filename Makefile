# hsarchive: `make report` and `make test` are all a fresh clone needs.
SWIFT    ?= swift
CONFIG   ?= release
BIN      := .build/$(CONFIG)/hsarchive
SAMPLES  := sample-data
SECRETS  := $(SAMPLES)/webhook-secrets.txt
OUT      ?= Reports
# Release builds link the Swift runtime and Foundation into the binary: one self-contained file that
# starts in a few milliseconds instead of resolving ~20 shared libraries' symbols (about 10-30 ms a
# run, and 1-2% of a benchmark run). Debug builds (the tests) link dynamically.
RELEASE  := -c release --static-swift-stdlib

FUZZ_SECONDS ?= 60

# Where `make install` puts the files: under PREFIX, itself under DESTDIR when staging a package.
PREFIX   ?= /usr/local
DESTDIR  ?=
DEST      = $(DESTDIR)$(PREFIX)
MANPAGE  := .build/plugins/GenerateManual/outputs/hsarchive/hsarchive.1
# The man page's date: the last commit's, so the same sources give the same page.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null)

.PHONY: all build test lint format report sample-data bench fuzz deps browser spark-env clean manual install uninstall install-check

all: build

# zlib's headers (Debian: zlib1g-dev) are required: installed when running as root, else the command
# is printed. ISA-L (libisal-dev) is optional, inflating about 2.6 times faster: installed when
# running as root if apt-get can, else a hint; without it the build uses zlib alone.
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
	@if [ -f /usr/include/isa-l/igzip_lib.h ]; then :; \
	elif [ "$$(id -u)" = 0 ] && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libisal-dev >/dev/null 2>&1 \
		|| { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libisal-dev >/dev/null 2>&1; }; }; then \
		echo "Installed libisal-dev (ISA-L inflate)"; touch Package.swift; \
	else \
		echo "Note: building with zlib alone; for about 2.6x faster inflate: sudo apt-get install -y libisal-dev && make clean" >&2; \
	fi

build: deps
	$(SWIFT) build $(if $(filter release,$(CONFIG)),$(RELEASE),-c $(CONFIG)) --product hsarchive

# The browser the HTML report's test renders it in (Debian's chromium-headless-shell, about 220 MB):
# installed when running as root, else the test fails saying the command to run.
browser:
	@if command -v chromium-headless-shell >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium-headless-shell (the HTML report's test renders it)"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1 \
		|| { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1; }; } \
		|| echo "Could not install chromium-headless-shell; the browser test will fail: apt-get install -y chromium-headless-shell" >&2; \
	else \
		echo "chromium-headless-shell is missing, so the browser test will fail; install it with:" >&2; \
		echo "  sudo apt-get install -y chromium-headless-shell" >&2; \
	fi

# Spark's local mode, for contrib/spark's test: pyspark from PyPI into a virtual environment in the
# user's cache, which a fresh clone and CI reuse (about 320 MB, downloaded once; pip's cache serves it
# again), and Java from the system (Debian's openjdk-17-jre-headless, installed when running as
# root). Without either, the Spark test says why it did not run.
PYSPARK_VERSION := 3.5.3
SPARK_VENV ?= $(HOME)/.cache/hsarchive/spark-venv-$(PYSPARK_VERSION)
spark-env:
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing openjdk-17-jre-headless (Java, for the Spark test)"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null 2>&1 \
		|| { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null 2>&1; }; } \
		|| echo "Could not install Java; the Spark test will not run: apt-get install -y openjdk-17-jre-headless" >&2; \
	else \
		echo "Java is missing, so the Spark test will not run; install it with:" >&2; \
		echo "  sudo apt-get install -y openjdk-17-jre-headless" >&2; \
	fi
	@if "$(SPARK_VENV)/bin/python" -c "import pyspark" >/dev/null 2>&1; then :; \
	else \
		echo "Installing pyspark $(PYSPARK_VERSION) into $(SPARK_VENV) (once)"; \
		python3 -m venv "$(SPARK_VENV)" && "$(SPARK_VENV)/bin/pip" install -q "pyspark==$(PYSPARK_VERSION)" \
		|| echo "Could not install pyspark; the Spark test will not run: python3 -m venv $(SPARK_VENV) && $(SPARK_VENV)/bin/pip install pyspark==$(PYSPARK_VERSION)" >&2; \
	fi

test: deps lint browser spark-env
	$(SWIFT) build --build-tests
	HSARCHIVE_SPARK_PYTHON="$(SPARK_VENV)/bin/python" $(SWIFT) test
	@$(MAKE) --no-print-directory install-check

# The man page, by swift-argument-parser's GenerateManual plugin, which first builds every product:
# in debug, as `make test` does. In release it would link hsarchive dynamically over `make build`'s
# static binary, and each of the two builds would then recompile what the other compiled.
manual: deps
	$(SWIFT) package plugin generate-manual --configuration debug $(if $(MAN_DATE),--date $(MAN_DATE))

# The binary (stripped of its symbol tables and debug sections: 92 MB become 63 MB), its bash, zsh
# and fish completions (written by the binary) and its man page.
install: build manual
	@mkdir -p .build/completions
	$(BIN) --generate-completion-script bash > .build/completions/hsarchive
	$(BIN) --generate-completion-script zsh > .build/completions/_hsarchive
	$(BIN) --generate-completion-script fish > .build/completions/hsarchive.fish
	install -d "$(DEST)/bin" "$(DEST)/share/bash-completion/completions" "$(DEST)/share/zsh/site-functions" \
		"$(DEST)/share/fish/vendor_completions.d" "$(DEST)/share/man/man1"
	install -s -m 755 $(BIN) "$(DEST)/bin/hsarchive"
	install -m 644 .build/completions/hsarchive "$(DEST)/share/bash-completion/completions/hsarchive"
	install -m 644 .build/completions/_hsarchive "$(DEST)/share/zsh/site-functions/_hsarchive"
	install -m 644 .build/completions/hsarchive.fish "$(DEST)/share/fish/vendor_completions.d/hsarchive.fish"
	install -m 644 $(MANPAGE) "$(DEST)/share/man/man1/hsarchive.1"

# The files `make install` writes, and nothing else: the folders stay.
uninstall:
	rm -f "$(DEST)/bin/hsarchive" "$(DEST)/share/bash-completion/completions/hsarchive" \
		"$(DEST)/share/zsh/site-functions/_hsarchive" "$(DEST)/share/fish/vendor_completions.d/hsarchive.fish" \
		"$(DEST)/share/man/man1/hsarchive.1"

# `make install` and `make uninstall` into a temporary folder, with the debug build of `make test`.
install-check:
	@MAKE="$(MAKE)" tools/install-check.sh

# The formatting every file must have (.swift-format); `make format` applies it.
lint:
	@$(SWIFT) format --version >/dev/null 2>&1 || { echo "swift format is missing: it ships with Swift 6 toolchains (https://www.swift.org/install/linux/)" >&2; exit 1; }
	@$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift \
		|| { echo "Formatting findings above: run 'make format' (swift format -i -r Sources Tests Package.swift) and review the diff" >&2; exit 1; }

format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Package.swift

# The reports of the committed sample archives, signed with the sample secrets, as a US team reads
# them: its time zone and office hours, Thursday to Saturday compared with the three days before
# (the end-to-end tests give the same options).
SAMPLE_OPTIONS := --time-zone America/New_York --office-hours "Mon-Fri 09:00-17:00" \
	--since 2026-10-08 --until 2026-10-11
report: build
	@chmod 600 $(SECRETS)
	$(BIN) report $(SAMPLES)/archive --secret-file $(SECRETS) --out $(OUT) $(SAMPLE_OPTIONS)

# Rewrites sample-data/ from the deterministic generator (same bytes every time).
sample-data: deps
	$(SWIFT) build $(if $(filter release,$(CONFIG)),$(RELEASE),-c $(CONFIG)) --product sample-archives
	rm -rf $(SAMPLES)/archive
	.build/$(CONFIG)/sample-archives --out $(SAMPLES)/archive --secrets $(SECRETS)

# Throughput beside pigz, DuckDB and a Python script on a generated 1.1 GB set (cached in bench-data/).
bench: deps
	@command -v pigz >/dev/null || { [ "$$(id -u)" = 0 ] && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pigz >/dev/null 2>&1 \
		|| { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pigz >/dev/null 2>&1; }; }; } \
		|| echo "Note: pigz is missing (sudo apt-get install -y pigz); comparing with gzip -dc instead" >&2
	$(SWIFT) build $(RELEASE)
	python3 tools/bench/bench.py

# Fuzzing of the line and body decoders and the reader for FUZZ_SECONDS: a property-based
# generator (structure-aware mutations of Tests/FuzzCorpus) under AddressSanitizer. An input that
# crashes stays in .build-fuzz/current-input: copy it into Tests/FuzzCorpus/ under a name that says
# what broke, and the replay test keeps it fixed.
fuzz: deps
	$(SWIFT) build --product hsarchive-fuzz --sanitize=address --scratch-path .build-fuzz
	.build-fuzz/debug/hsarchive-fuzz --mutate $(FUZZ_SECONDS) --save .build-fuzz/current-input Tests/FuzzCorpus

clean:
	rm -rf .build .build-fuzz
