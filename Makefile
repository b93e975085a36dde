# One command for each job; each sets up what it needs first (a virtual environment in .venv,
# and Graphviz and Chromium from Debian where the machine lacks them and we may install them).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest gallery fuzz bench system-deps clean playground serve-playground playground-if-node

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# System packages the tests use: Graphviz (the system engine) and Chromium (the browser test).
# Installed only when missing and only when we are root with apt-get; otherwise those tests skip
# with a reason.
system-deps:
	@bash .ci/system-deps

# The main job: check and render every bundled example into out/.
demo: $(STAMP)
	$(BIN)/argmap check examples/*.arg
	mkdir -p out
	for f in examples/*.arg; do $(BIN)/argmap render "$$f" -o "out/$$(basename "$$f" .arg).svg" || exit 1; done
	mkdir -p out/classroom
	$(BIN)/argmap render examples/classroom/key.arg -o out/classroom/map.html
	$(BIN)/argmap render examples/classroom/key.arg --steps -o out/classroom/steps
	$(BIN)/argmap exercise examples/classroom/key.arg -o out/classroom/worksheet.svg --blank texts
	$(BIN)/argmap compare examples/classroom/student-flawed.arg examples/classroom/key.arg -o out/classroom/feedback.svg
	@echo "rendered diagrams are in out/, classroom material in out/classroom/"

# Python code that lint and type checks cover (folders that exist in this checkout).
CODE := $(wildcard argmap tests bench docs/gallery editors/playground/build.py)

# Regenerate docs/gallery/ (every example in every theme); a test checks it is current.
gallery: $(STAMP)
	$(BIN)/python docs/gallery/generate.py

# The coverage-guided fuzz campaign (atheris): every target FUZZ_SECONDS long; corpus in tests/fuzz/corpus.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,fuzz]'
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

# The benchmark against the Argdown CLI and python-argumentation (installed inside bench/ only).
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The browser playground (docs/playground.md): a static site in site/playground/ built from this
# checkout and the pinned npm packages of editors/playground (needs Node.js and npm).
playground: $(STAMP)
	$(BIN)/python editors/playground/build.py

# Serve it for use on this machine only: http://127.0.0.1:$(PORT)/
PORT ?= 8000
serve-playground: playground
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site/playground

# For `make test`: the playground is built when Node.js is here; otherwise its browser tests skip.
playground-if-node: $(STAMP)
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		$(BIN)/python editors/playground/build.py; \
	else echo "no Node.js and npm: the playground is not built and its browser tests will skip"; fi

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(STAMP)
	$(BIN)/mypy $(CODE)

pytest: $(STAMP)
	$(BIN)/pytest -q

# The whole test suite: lint, types and every test.
test: system-deps $(STAMP) lint typecheck playground-if-node pytest

clean:
	rm -rf $(VENV) out site editors/playground/node_modules .mypy_cache .pytest_cache .ruff_cache
