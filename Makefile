# Descent: the two commands a new user needs are `make course` and `make test`.
# This Makefile is the single place where set-up lives; .ci/run only calls it.

SWIFT ?= swift
LESSONS ?= lessons
OUTPUT ?= output

# Debian packages Descent builds against (docs/install.md explains each one).
DEBIAN_PACKAGES := libcairo2-dev libpango1.0-dev libpng-dev zlib1g-dev \
	libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libjs-katex libjs-highlight.js fonts-katex fonts-dejavu-core fonts-wqy-microhei pkg-config

.PHONY: all deps build release course check test browser-test browser-deps fuzz bench peer-bench peer-deps portable-check numerics-sweep docs-images docs-screenshots clean

all: course

## deps: install the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Descent needs these Debian packages:$$missing" >&2; \
	     echo "Install them as root: apt-get install -y$$missing" >&2; exit 1; fi; \
	echo "Installing Debian packages:$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing

## build: debug build of everything.
build: deps
	$(SWIFT) build

## release: optimised build of the descent command.
release: deps
	$(SWIFT) build -c release --product descent

## course: build lessons/ into output/ with the release binary.
course: release
	$$($(SWIFT) build -c release --show-bin-path)/descent build --lessons $(LESSONS) --output $(OUTPUT)

## check: rebuild lessons/ with fresh training in a scratch folder; fail if output/ differs.
check: release
	$$($(SWIFT) build -c release --show-bin-path)/descent check --lessons $(LESSONS) --output $(OUTPUT)

## test: the whole test suite. The regression lessons and the fuzz smoke run build lessons with
## the `descent` executable in child processes: build it first.
test: deps
	$(SWIFT) build --product descent
	$(SWIFT) test

## browser-test: build the course with the release `descent` into a scratch folder and drive it
## from file:// in headless Chromium (Tests/browser/, docs/development.md). Installs Debian's
## chromium and chromium-driver, and selenium from PyPI into a virtual environment in
## .build-browser/ (no system-wide pip install).
BROWSER_PACKAGES := chromium chromium-driver python3-venv poppler-utils
BROWSER_VENV := .build-browser/venv
SELENIUM_VERSION ?= 4.27.1
browser-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(BROWSER_PACKAGES)"
	@if ! $(BROWSER_VENV)/bin/python -c "import selenium" 2>/dev/null; then \
	  python3 -m venv $(BROWSER_VENV) && \
	  $(BROWSER_VENV)/bin/pip install --quiet --disable-pip-version-check "selenium==$(SELENIUM_VERSION)"; \
	fi

browser-test: browser-deps release
	$(BROWSER_VENV)/bin/python Tests/browser/run.py \
	  --descent $$($(SWIFT) build -c release --show-bin-path)/descent --lessons $(LESSONS)

## fuzz: build generated and mutated lessons for FUZZ_SECONDS (default 600) with the release
## `descent`; saves each distinct failure, minimised, in .fuzz/crashes/ (docs/development.md).
FUZZ_SECONDS ?= 600
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	$(SWIFT) build -c release --product descent
	$(SWIFT) build -c release --product descent-fuzz
	bin=$$($(SWIFT) build -c release --show-bin-path); \
	$$bin/descent-fuzz --descent $$bin/descent --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) \
	  --corpus $(LESSONS) --output .fuzz

clean:
	rm -rf .build .descent-cache .fuzz

## portable-check: build lessons/ with fresh training twice into a scratch folder, once with
## libm's sin, cos, exp, log, tanh, log1p, expm1, exp2, log2, log10, cbrt, pow, hypot and atan2
## shifted one ulp (Tests/shims/ulp_shift.c, LD_PRELOAD), and fail if data/ (timings aside) or the
## manifest's results and figures hashes differ: Descent's numbers and figure values must not
## come from libm.
PORTABLE_SCRATCH ?= /tmp/descent-portable-check
portable-check: release
	mkdir -p .build/shims
	cc -O2 -shared -fPIC -o .build/shims/ulp_shift.so Tests/shims/ulp_shift.c -ldl -lm
	sh Tests/shims/portable-check.sh "$$($(SWIFT) build -c release --show-bin-path)/descent" $(LESSONS) \
	  "$$(pwd)/.build/shims/ulp_shift.so" $(PORTABLE_SCRATCH)

## numerics-sweep: the long accuracy sweep of Descent's own sin, cos (huge arguments too), exp,
## log, tanh, log1p, expm1, whole and real powers, hypot, cbrt and log10 against this machine's
## libm (10⁶ samples per range; prints max ulp).
numerics-sweep: deps
	$(SWIFT) build -c release --product descent-numerics-sweep
	$$($(SWIFT) build -c release --show-bin-path)/descent-numerics-sweep

## bench: the benchmarks of DESIGN.md §7, release build, beside their NumPy equivalents; last,
## the preview loop's save-to-reload times (benchmarks/preview/preview_loop.py).
bench: deps
	$(SWIFT) build -c release --product descent-benchmarks
	$$($(SWIFT) build -c release --show-bin-path)/descent-benchmarks
	@if python3 -c "import numpy" 2>/dev/null; then python3 benchmarks/numpy/training.py; \
	else echo "NumPy is not installed: pip install numpy to measure the NumPy side."; fi
	@if python3 -c "import matplotlib" 2>/dev/null; then python3 benchmarks/numpy/drawing.py; \
	else echo "Matplotlib is not installed: pip install matplotlib to measure its side."; fi
	$(SWIFT) build -c release --product descent
	bash benchmarks/build-times.sh $(LESSONS)
	python3 benchmarks/preview/preview_loop.py --descent $$($(SWIFT) build -c release --show-bin-path)/descent --lessons $(LESSONS)
	@$(MAKE) --no-print-directory peer-bench

## peer-bench: benchmarks/peer/compare.py, Descent's build of benchmarks/peer/lessons/ against the
## NumPy + Matplotlib notebook benchmarks/peer/peer.ipynb, alternating, best of 3. Needs numpy,
## matplotlib, nbconvert and ipykernel: `make peer-deps` installs them from PyPI into .build-peer/.
PEER_VENV := .build-peer/venv
PEER_PACKAGES := numpy==2.4.6 matplotlib==3.11.2 nbconvert==7.17.2 ipykernel==7.4.0
PEER_PYTHON ?= $(shell if [ -x $(PEER_VENV)/bin/python ]; then echo $(PEER_VENV)/bin/python; else echo python3; fi)
peer-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="python3-venv time"
	python3 -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet --disable-pip-version-check $(PEER_PACKAGES)

peer-bench: deps
	$(SWIFT) build -c release --product descent
	@if $(PEER_PYTHON) -c "import numpy, matplotlib, nbconvert, ipykernel" 2>/dev/null; then \
	  $(PEER_PYTHON) benchmarks/peer/compare.py --descent $$($(SWIFT) build -c release --show-bin-path)/descent; \
	else echo "The peer benchmark needs numpy, matplotlib, nbconvert and ipykernel: run \`make peer-deps\`" \
	  "(a virtual environment in $(PEER_VENV)), or pip install numpy matplotlib nbconvert ipykernel."; fi

## docs-images: rebuild the figures the docs show from docs/examples/ (real training runs).
docs-images: release
	$$($(SWIFT) build -c release --show-bin-path)/descent build --lessons docs/examples --output .build/docs-examples
	cp .build/docs-examples/figures/01-figure-kinds/loss-1@2x.png docs/images/loss.png
	cp .build/docs-examples/figures/01-figure-kinds/loss-2@2x.png docs/images/loss-smoothed.png
	cp .build/docs-examples/figures/01-figure-kinds/contour-1@2x.png docs/images/contour.png
	cp .build/docs-examples/figures/01-figure-kinds/batch-sizes-1@2x.png docs/images/batch-sizes.png
	cp .build/docs-examples/figures/01-figure-kinds/learning-rate-1@2x.png docs/images/learning-rate.png
	cp .build/docs-examples/figures/01-figure-kinds/gradient-norm-1@2x.png docs/images/gradient-norm-by-layer.png
	cp .build/docs-examples/figures/02-figure-options/palette-1@2x.png docs/images/palette.png
	cp .build/docs-examples/figures/02-figure-options/options-1@2x.png docs/images/size-small.png
	cp .build/docs-examples/figures/02-figure-options/options-2@2x.png docs/images/title-labels.png
	cp .build/docs-examples/figures/02-figure-options/options-3@2x.png docs/images/size-square.png
	cp .build/docs-examples/figures/02-figure-options/grid-1@2x.png docs/images/batch-sizes-wide.png
	cp .build/docs-examples/figures/03-schedules-and-sweeps/schedules-1@2x.png docs/images/learning-rate-schedules.png
	cp .build/docs-examples/figures/03-schedules-and-sweeps/grid-1@2x.png docs/images/sweep-two-keys.png

## docs-screenshots: the player's screenshots in docs/images/ (docs/figures.md, "Exploring and
## playback"), from docs/examples/04-explore.md in headless Chromium (the browser tests' set-up).
docs-screenshots: browser-deps release
	$$($(SWIFT) build -c release --show-bin-path)/descent build --lessons docs/examples --output .build/docs-examples
	$(BROWSER_VENV)/bin/python Tests/browser/docs_screenshots.py --course .build/docs-examples --images docs/images
