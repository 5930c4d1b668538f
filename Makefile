# Lapse — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages the build needs (Fyne's GL/X11 headers and
# gcc for cgo) when they are missing, through sudo when not root.

DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev
# Only for screenshots and visual checks (x11-apps: xwd, to time the
# first frame under Xvfb), not for run/test.
DEB_LOOK_PACKAGES := xvfb xauth x11-apps imagemagick poppler-utils
# The floor the benchmarks are measured against.
DEB_BENCH_PACKAGES := sqlite3
GO ?= go
BIN := lapse

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps look-deps screenshots bench bench-10x vet package clean crash fuzz fuzz-short

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
	$(MAKE) --no-print-directory windows-vet
	$(GO) test -race -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz-short

# The reliability promises at full length (docs/RELIABILITY.md): 50 random
# kills of a writer, 4 writer processes x 50 writes with 2 readers on the
# large journal, a full disk, a killed demo. `make test` runs them short.
crash: deps
	LAPSE_CRASH_RUNS=50 LAPSE_CONCURRENCY_WRITES=50 LAPSE_CONCURRENCY_JOURNAL=large $(GO) test -count=1 -v -timeout 30m \
	  -run 'TestCrash|TestConcurrentWritersAndReaders|TestFullDisk|TestDemoKilledLeavesNothingHalf' ./app/cli/

# Fuzz targets (package:target): every importer, backup decoding and every
# parser of typed text. `go test` runs their seeds (testdata/fuzz/<target>);
# `make fuzz` fuzzes each for FUZZTIME, `make fuzz-short` (the last step of
# `make test`) for a few seconds each; building the instrumented binaries
# takes most of its ~3 minutes. A failing input is written to the package's
# testdata/fuzz/<target>, where `go test` replays it from then on.
FUZZ_TARGETS := \
	./app/importer:FuzzCSV ./app/importer:FuzzWallos ./app/importer:FuzzStatuspage \
	./app/importer:FuzzEML ./app/importer:FuzzMbox ./app/backup:FuzzDecode \
	./app/journal:FuzzParseDate ./app/journal:FuzzParseAmount ./app/journal:FuzzParseRate \
	./app/figures:FuzzParseMonth ./app/cli:FuzzParseWindow ./app/datetext:FuzzParse \
	./app/ui:FuzzTimeField ./app/ui:FuzzPermille
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
	LAPSE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -run 'TestScreenshots|TestFormScreenshots' -count=1 ./app/ui/

# Lapse.tar.xz: the binary, the .desktop entry (name, categories from
# FyneApp.toml), the icon and a Makefile with install / user-install.
package: deps
	$(GO) run $(FYNE_TOOLS) package -os linux -release

# Benchmarks on a generated decade-sized journal (written once to the temp
# folder), reported as ratios to floors measured in the same run.
# scripts/benchcheck passes the output through and ends with the issue's
# targets checked (UI ≤ 2× a bare window, figures ≤ 2× the shell, growth
# ≤ 12×), failing the target when one is missed. LC_ALL names a locale
# Fyne can parse ("C" logs an error for every window the benchmarks open).
bench bench-10x: SHELL := /bin/bash
bench bench-10x: .SHELLFLAGS := -o pipefail -c
bench: deps
	$(call install_missing,$(DEB_BENCH_PACKAGES))
	LC_ALL=en_US.UTF-8 $(GO) test -run '^$$' -bench . -benchtime 5x ./app/review/ ./app/ui/ | $(GO) run ./scripts/benchcheck

# The figure and UI benchmarks on the large journal and on one ten times
# larger (40 services, 440k outages, 200k messages; written once to the temp
# folder, a minute the first time), with the growth from one to the other
# (x-large).
bench-10x: deps
	$(call install_missing,$(DEB_BENCH_PACKAGES))
	LC_ALL=en_US.UTF-8 LAPSE_BENCH_10X=1 $(GO) test -run '^$$' -bench 'Overview$$|ServiceFigures$$|UI' -benchtime 5x -benchmem -timeout 30m ./app/review/ ./app/ui/ | $(GO) run ./scripts/benchcheck

clean:
	rm -f $(BIN) Lapse.tar.xz

# --- Windows (docs/WINDOWS.md) -------------------------------------------
# `make windows` cross-builds Lapse.exe on Debian with mingw-w64 and zips it;
# `make windows-check` runs that build under Wine (scripts/windows-check.sh).
DEB_WINDOWS_PACKAGES := gcc-mingw-w64-x86-64 zip
DEB_WINE_PACKAGES := wine wine64 xvfb xauth imagemagick jq poppler-utils unzip
WIN_DIR := dist/windows
WIN_EXE := $(WIN_DIR)/Lapse/Lapse.exe
WIN_ZIP := dist/Lapse-windows-amd64.zip
WIN_CC := x86_64-w64-mingw32-gcc
# The fyne tool is installed for this machine first: `go run` with CC set
# to mingw would build the tool itself for Windows.
WIN_TOOLS := $(CURDIR)/dist/tools

.PHONY: windows windows-check windows-vet

# Lapse.exe with its icon, version and manifest resources (fyne package),
# zipped in a Lapse folder with the font licence. `fyne package` bumps
# Build in FyneApp.toml; the file is put back so a build leaves no change.
windows:
	$(call install_missing,$(DEB_WINDOWS_PACKAGES))
	GOBIN=$(WIN_TOOLS) $(GO) install $(FYNE_TOOLS)
	rm -rf $(WIN_DIR) $(WIN_ZIP) && mkdir -p $(WIN_DIR)/Lapse
	cp FyneApp.toml $(WIN_DIR)/FyneApp.toml
	CC=$(WIN_CC) GOARCH=amd64 $(WIN_TOOLS)/fyne package -os windows -release; \
	  rc=$$?; cp $(WIN_DIR)/FyneApp.toml FyneApp.toml; exit $$rc
	mv Lapse.exe $(WIN_EXE)
	cp assets/fonts/IPA_Font_License.txt $(WIN_DIR)/Lapse/
	cd $(WIN_DIR) && zip -q -r $(CURDIR)/$(WIN_ZIP) Lapse
	@echo "Built $(WIN_EXE) and $(WIN_ZIP)"

# Windows test binaries (pure Go, no cgo) run under Wine by the check, and the
# Wine 8 stand-in for bcryptprimitives.dll (scripts/windows/).
windows-check: windows
	$(call install_missing,$(DEB_WINE_PACKAGES))
	mkdir -p $(WIN_DIR)/tests
	for p in atomicfile paths; do \
	  CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) test -c -o $(WIN_DIR)/tests/$$p.test.exe ./app/$$p/ || exit 1; \
	done
	$(WIN_CC) -O2 -shared -s -o $(WIN_DIR)/tests/bcryptprimitives.dll scripts/windows/bcryptprimitives.c -lbcrypt
	SHOT=$(WIN_DIR)/window.png scripts/windows-check.sh $(WIN_ZIP) $(WIN_DIR)/tests

# Run by `make test` (CI has no Wine nor mingw): the packages compiled and
# vetted for Windows in pure Go; about a minute of CPU from a cold cache,
# seconds warm (docs/WINDOWS.md). Left out on purpose: main, which needs cgo
# for Windows.
WIN_PURE := CGO_ENABLED=0 GOOS=windows GOARCH=amd64
WIN_NOT_BUILT := lapse
WIN_NOT_VETTED := $(WIN_NOT_BUILT)
windows-vet:
	$(WIN_PURE) $(GO) build $$($(GO) list ./... | grep -vxF $(addprefix -e ,$(WIN_NOT_BUILT)))
	$(WIN_PURE) $(GO) vet $$($(GO) list ./... | grep -vxF $(addprefix -e ,$(WIN_NOT_VETTED)))
