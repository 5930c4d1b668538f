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

.PHONY: run test build deps look-deps screenshots bench vet package clean crash

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

# The reliability promises at full length (docs/RELIABILITY.md): 50 random
# kills of a writer, 4 writer processes x 50 writes with 2 readers on the
# large journal, a full disk, a killed demo. `make test` runs them short.
crash: deps
	LAPSE_CRASH_RUNS=50 LAPSE_CONCURRENCY_WRITES=50 LAPSE_CONCURRENCY_JOURNAL=large $(GO) test -count=1 -v -timeout 30m \
	  -run 'TestCrash|TestConcurrentWritersAndReaders|TestFullDisk|TestDemoKilledLeavesNothingHalf' ./app/cli/

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
