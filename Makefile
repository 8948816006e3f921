# Entry points. Everything runs inside .venv, which the first target that needs it creates.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= corpus/demo
OUT ?= figures

.PHONY: figures test lab bench bench-events bench-details bench-divergence bench-fakes bench-basil bench-framing bench-embed \
	bench-scale bench-speed docs-figures clean-figures

# The stamp is newer than pyproject.toml once installed, so a second run installs nothing.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU wheel first: a plain `torch` requirement would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

figures: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m claimdiff figures $(CORPUS) --out $(OUT)

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m pytest

lab: $(STAMP)
	$(PY) -m ipykernel install --user --name claimdiff --display-name "claimdiff (.venv)"
	HF_HUB_OFFLINE=1 $(VENV)/bin/jupyter lab notebooks/

# Benchmarks read ../shared/datasets and write benchmarks/results/ (machine and date in each file).
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench-events: $(BENCH_STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/events.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/events_window.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/events_fakes_dev.py

bench-details: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/details.py

bench-divergence: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/divergence_demo.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/divergence_speed.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/wordings_fakes.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/event_labels_fakes.py

# FA-KES divergences against the dev gold (needs ../shared/datasets/fakes, or CLAIMDIFF_SHARED)
bench-fakes: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/divergence_fakes.py

bench-basil: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/basil_omissions.py

bench-framing: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/framing_newswcl50.py

bench-embed: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/embed.py
	HF_HUB_OFFLINE=1 $(PY) benchmarks/embed_share.py

bench-scale: $(BENCH_STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/scale.py

bench-speed: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) benchmarks/speed.py

# Quality first, then speed (speed figures are only comparable on an otherwise idle machine).
bench: bench-events bench-details bench-divergence bench-fakes bench-basil bench-framing bench-embed bench-scale bench-speed

# The two PNGs shown in README.md, redrawn from the demo corpus.
docs-figures: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m claimdiff figures corpus/demo --out build/docs-figures
	mkdir -p docs
	cp build/docs-figures/numeric-divergence.png build/docs-figures/claim-side-by-side.png docs/

clean-figures:
	rm -rf $(OUT)
