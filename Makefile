# Lapse — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages the build needs (Fyne's GL/X11 headers and
# gcc for cgo) when they are missing, through sudo when not root.

DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev
# Only for screenshots and visual checks, not for run/test.
DEB_LOOK_PACKAGES := xvfb xauth imagemagick poppler-utils
GO ?= go
BIN := lapse

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps look-deps screenshots bench vet clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

look-deps:
	@missing=""; for p in $(DEB_LOOK_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

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

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

clean:
	rm -f $(BIN)
