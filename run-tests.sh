#!/usr/bin/env bash
# Quick start, command two: install sopgen with its test tools into .venv, run the static checks
# (ruff, mypy; configured in pyproject.toml), then the whole test suite; arguments go to pytest.
# Tests that need system tools (pdftoppm, chromium, java) skip with a reason when absent; under CI=true they fail.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-venv.sh test
echo "run-tests: ruff check" >&2
.venv/bin/ruff check --quiet
echo "run-tests: mypy" >&2
.venv/bin/mypy
# The test files are spread over one worker per core (pytest-xdist; SOPGEN_TEST_WORKERS=0 runs them in this process):
# most tests lay out PDFs on one core. --dist loadfile keeps a file's tests, and its module fixtures, on one worker.
exec .venv/bin/python -m pytest -n "${SOPGEN_TEST_WORKERS:-auto}" --dist loadfile "$@"
