# Every command a fresh machine needs; `make test` is what CI runs.
PYTHON ?= python3

.PHONY: test test-rust test-python python-install scan check-rules

# All tests: Rust (unit, integration, doc tests, every rule example) and Python.
test: test-rust test-python

test-rust:
	cargo test --workspace --exclude msgrisk-py

python-install:
	$(PYTHON) -m pip install --quiet -r tests/python/requirements.txt
	$(PYTHON) -m pip install --quiet --force-reinstall --no-deps .

test-python: python-install
	$(PYTHON) -m pytest tests/python -q

# The main job on the embedded default rules.
scan:
	cargo run --release -q -p msgrisk-cli -- scan examples/messages.jsonl

# Validate the default rule files and run their examples.
check-rules:
	cargo run --release -q -p msgrisk-cli -- check crates/msgrisk/rulesets/*/*.toml
