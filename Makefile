# Lapse — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages the build needs (Fyne's GL/X11 headers and
# gcc for cgo) when they are missing, through sudo when not root.

DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev
# Only for screenshots and visual checks, not for run/test.
DEB_LOOK_PACKAGES := xvfb xauth imagemagick poppler-utils
# The floor the benchmarks are measured against.
DEB_BENCH_PACKAGES := sqlite3
GO ?= go
BIN := lapse

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps look-deps screenshots bench vet package clean fuzz fuzz-short

# fyne.io/tools, pinned: `fyne package` builds the Linux desktop bundle.
FYNE_TOOLS := fyne.io/tools/cmd/fyne@v1.7.4

# install_missing installs the Debian packages in $(1) that are not installed yet.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

look-deps:
	$(call install_missing,$(DEB_LOOK_PACKAGES))

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

vet: deps
	$(GO) vet ./...

test: deps
	$(GO) vet ./...
	$(GO) test -race -timeout 20m ./...

# Fuzz targets (package:target): every importer, backup decoding and every
# parser of typed text. `go test` runs their seeds (testdata/fuzz/<target>);
# `make fuzz` fuzzes each for FUZZTIME, `make fuzz-short` for a few seconds
# (not part of `make test`: building the instrumented binaries alone takes
# over two minutes). A failing input is written to the package's
# testdata/fuzz/<target>, where `go test` replays it from then on.
FUZZ_TARGETS := \
	./app/importer:FuzzCSV ./app/importer:FuzzWallos ./app/importer:FuzzStatuspage \
	./app/importer:FuzzEML ./app/importer:FuzzMbox ./app/backup:FuzzDecode \
	./app/journal:FuzzParseDate ./app/journal:FuzzParseAmount ./app/journal:FuzzParseRate \
	./app/figures:FuzzParseMonth ./app/cli:FuzzParseWindow ./app/ui:FuzzTimeField ./app/ui:FuzzPermille
FUZZTIME ?= 1m
# Above FUZZTIME, so `go test` never stops the fuzzing itself.
FUZZTIMEOUT ?= 30m

# A target fails when go test fails and writes a failing input. Go 1.26's
# coordinator can also fail a clean run with "context deadline exceeded" at
# the very end (go.dev/issue/75804, fixed in Go 1.27): that is reported and
# skipped, since no input failed.
fuzz: deps
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; dir=$$pkg/testdata/fuzz/$$name; echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  before=$$(ls $$dir 2>/dev/null | wc -l); \
	  if out=$$($(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x \
	      -timeout $(FUZZTIMEOUT) $$pkg 2>&1); then \
	    echo "$$out" | grep -E '^fuzz: elapsed' | tail -n 1; \
	  elif [ "$$(ls $$dir 2>/dev/null | wc -l)" = "$$before" ] && echo "$$out" | grep -q 'context deadline exceeded'; then \
	    echo "$$out" | grep -E '^fuzz: elapsed' | tail -n 1; \
	    echo "   (no failing input: Go's end-of-run deadline race, go.dev/issue/75804)"; \
	  else \
	    echo "$$out"; exit 1; \
	  fi; \
	done

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=3s

# Renders the main screens with Fyne's test driver into docs/screenshots.
screenshots:
	LAPSE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -run TestScreenshots -count=1 ./app/ui/

# Lapse.tar.xz: the binary, the .desktop entry (name, categories from
# FyneApp.toml), the icon and a Makefile with install / user-install.
package: deps
	$(GO) run $(FYNE_TOOLS) package -os linux -release

# Benchmarks on a generated decade-sized journal (written once to the temp
# folder), reported as ratios to floors measured in the same run.
bench: deps
	$(call install_missing,$(DEB_BENCH_PACKAGES))
	$(GO) test -run '^$$' -bench . -benchtime 5x ./app/review/ ./app/ui/

clean:
	rm -f $(BIN) Lapse.tar.xz
