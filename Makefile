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

.PHONY: run test build deps look-deps screenshots bench bench-10x vet package clean

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

# The figure benchmarks on the large journal and on one ten times larger
# (40 services, 440k outages, 200k messages; written once to the temp folder,
# a minute the first time), with the growth from one to the other (x-large).
bench-10x: deps
	$(call install_missing,$(DEB_BENCH_PACKAGES))
	LAPSE_BENCH_10X=1 $(GO) test -run '^$$' -bench 'Overview$$|ServiceFigures$$' -benchtime 5x -benchmem -timeout 30m ./app/review/

clean:
	rm -f $(BIN) Lapse.tar.xz
