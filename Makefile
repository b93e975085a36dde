# One command for each job; each sets up what it needs first (a virtual environment in .venv,
# and Graphviz and Chromium from Debian where the machine lacks them and we may install them).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest gallery screenshots fuzz scaling bench system-deps node-deps vscode clean \
	playground serve-playground playground-if-node

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

# Retake docs/screenshots/ in the real browser (Chromium); a test checks they are current.
screenshots: system-deps $(STAMP)
	ARGMAP_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/classroom/test_browser.py tests/classroom/test_browser_reading.py \
		tests/editors/test_playground_browser.py

# The coverage-guided fuzz campaign (atheris): every target FUZZ_SECONDS long; corpus in tests/fuzz/corpus.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,fuzz]'
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

# The scaling suite (tests marked `scaling`, see tests/scaling.py) at SCALING times the sizes that
# `make test` uses: a longer run that shows what a fixed-size test cannot.
SCALING ?= 8
scaling: $(STAMP)
	ARGMAP_SCALING=$(SCALING) $(BIN)/pytest -q -m scaling

# The benchmark against the Argdown CLI and python-argumentation (installed inside bench/ only).
# Every target of issues 8 and 18, all sizes (half an hour or more); a quick look:
# make bench BENCH_ARGS="--sizes 200,2000". Five repetitions of each map command (three at 100,000
# statements): this host's speed drifts, and a median of two is a mean.
BENCH_ARGS ?= --full --skip-big-lark --reps 5 --big-reps 3
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The VS Code extension (editors/vscode): its npm packages, pinned by package-lock.json.
VSCODE := editors/vscode
NODE_STAMP := $(VSCODE)/node_modules/.installed

$(NODE_STAMP): $(VSCODE)/package.json $(VSCODE)/package-lock.json
	cd $(VSCODE) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The grammar tests need Node; without npm they skip, each with its reason.
node-deps:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "npm not found: the VS Code grammar tests will skip"; fi

# The extension package, editors/vscode/argmap.vsix, built with @vscode/vsce.
vscode: $(NODE_STAMP)
	cd $(VSCODE) && ./node_modules/.bin/vsce package --out argmap.vsix

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
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy $(CODE)

pytest: $(STAMP)
	$(BIN)/pytest -q

# The whole test suite: lint, types and every test.
test: system-deps node-deps $(STAMP) lint typecheck playground-if-node pytest

clean:
	rm -rf $(VENV) out site .mypy_cache .pytest_cache .ruff_cache $(VSCODE)/node_modules $(VSCODE)/argmap.vsix \
		editors/playground/node_modules
