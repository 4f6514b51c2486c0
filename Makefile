# dlviz — two commands: `make run` and `make test`. Both create .venv when missing.
# `make gpu-check` trains every lab on CUDA through the engine (exits 0 without a GPU).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# The CPU build of torch this machine carries; a GPU user installs a CUDA torch into
# .venv first (see README) and the range in pyproject.toml accepts it.
TORCH_PIN ?= torch==2.13.0
STAMP  := $(VENV)/.installed

.PHONY: run test bench gpu-check lint translations clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	@if ! $(PY) -c "import torch" 2>/dev/null; then \
		echo "Installing $(TORCH_PIN) (CPU build)"; \
		$(PIP) install --quiet "$(TORCH_PIN)"; \
	fi
	$(PIP) install --quiet -e ".[test]"
	@touch $(STAMP)

translations: $(STAMP)
	$(PY) -m dlviz.tools.translations build

run: $(STAMP) translations
	$(PY) -m dlviz

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The real window training every lab, drawing vs not (about 4½ minutes); e.g.
# make bench BENCH_ARGS="--labs mlp2d,gan2d --skip startup,core" or BENCH_ARGS=--quick
bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m dlviz.bench $(BENCH_ARGS)

gpu-check: $(STAMP)
	$(PY) -m dlviz.bench.gpu_check $(GPU_CHECK_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check dlviz tests
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
