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
	$(MAKE) --no-print-directory windows-vet
	$(GO) test -race -timeout 20m ./...

# Renders the main screens with Fyne's test driver into docs/screenshots.
screenshots:
	LAPSE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -run 'TestScreenshots|TestFormScreenshots' -count=1 ./app/ui/

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
# seconds warm (docs/WINDOWS.md). Left out on purpose: main needs cgo for
# Windows; benchfloor (benchmarks only) measures CPU with getrusage; the tests
# of storage (umask), review and ui (benchfloor) are Unix-only, so those
# three are built but not vetted.
WIN_PURE := CGO_ENABLED=0 GOOS=windows GOARCH=amd64
WIN_NOT_BUILT := lapse lapse/app/benchfloor
WIN_NOT_VETTED := $(WIN_NOT_BUILT) lapse/storage lapse/app/review lapse/app/ui
windows-vet:
	$(WIN_PURE) $(GO) build $$($(GO) list ./... | grep -vxF $(addprefix -e ,$(WIN_NOT_BUILT)))
	$(WIN_PURE) $(GO) vet $$($(GO) list ./... | grep -vxF $(addprefix -e ,$(WIN_NOT_VETTED)))
