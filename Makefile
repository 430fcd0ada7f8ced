# oxarray: the two commands are `make demo` and `make test`; both set everything up.
#
#   make demo    set up, build, print the tour (python -m oxarray.demo)
#   make test    set up, build, lint (fmt, clippy, stubs), cargo test, pytest
#   make bench   set up, build, time oxarray beside NumPy (benches/compare.py)
#   make lint    fmt + clippy + stub check only
#   make bench-capi  C-API lookup and table-build costs (benches/capi/run.py)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
SETUP_STAMP := $(VENV)/.setup-stamp
BUILD_STAMP := $(VENV)/.build-stamp
SOURCES := $(shell find crates python -type f \( -name '*.rs' -o -name '*.py' -o -name '*.pyi' -o -name 'Cargo.toml' \) 2>/dev/null) Cargo.toml pyproject.toml

.PHONY: setup build demo test lint bench rust-test pytest stubtest clean
.PHONY: bench-capi
.PHONY: fuzz
.PHONY: docs

setup: $(SETUP_STAMP)

$(SETUP_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "maturin>=1.7,<2" "pytest>=8" "hypothesis>=6" "numpy>=2.0" pytest-timeout mypy pillow "threadpoolctl>=3" numexpr
	# Issue 15: the libraries oxarray must work inside (test-only dependencies).
	$(PIP) install --quiet "dask[array]>=2024.8" "distributed>=2024.8" "scikit-learn>=1.6" "scipy>=1.14" "xarray>=2024.9" pandas "array-api-compat>=1.11" "array-api-extra>=0.7" "ml_dtypes>=0.7"
	touch $@

build: $(BUILD_STAMP)

$(BUILD_STAMP): $(SETUP_STAMP) $(SOURCES)
	VIRTUAL_ENV=$(abspath $(VENV)) PATH=$(abspath $(VENV))/bin:$$PATH $(VENV)/bin/maturin develop --release --quiet
	touch $@

demo: build
	$(PY) -m oxarray.demo

lint: build
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	$(PY) -m mypy.stubtest oxarray --allowlist stubtest-allowlist.txt
	$(PY) tools/gen_stubs.py --check
	$(PY) tools/count_any.py --max 108
	$(PY) -m mypy --strict tests/typing
	$(PY) tools/api_coverage.py --check

rust-test:
	cargo test --workspace --quiet
	# Kernels again optimised: the compiler's code can raise different FP flags.
	cargo test --release -p oxarray-core --test kernels_values --quiet

pytest: build
	$(PY) -m pytest -q

test: build lint rust-test pytest

bench: build bench-capi
	$(PY) benches/compare.py

# C-API lookup costs and slot-table build times (benches/capi, docs/capi.md).
bench-capi: build
	$(PY) benches/capi/run.py

clean:
	rm -rf target $(VENV)

# Fuzz the input paths (issue 8) with atheris for FUZZ_SECONDS (not part of `make test`).
FUZZ_SECONDS ?= 180
fuzz: build
	$(PIP) install --quiet "atheris>=2.3"
	mkdir -p fuzz/corpus fuzz/artifacts
	$(PY) fuzz/fuzz_oxarray.py fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=60 -artifact_prefix=fuzz/artifacts/

# docs/api_coverage.md (NumPy's public names present/missing in oxarray), pinned to the
# installed NumPy's names in tools/numpy_api_names.json; `make lint` runs --check.
docs: build
	$(PY) tools/api_coverage.py
