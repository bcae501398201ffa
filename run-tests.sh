#!/usr/bin/env bash
# Quick start, command two: install sopgen with its test tools into .venv and run the whole test suite.
# Tests that need system tools (pdftoppm, chromium, java) skip with a reason when absent; under CI=true they fail.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-venv.sh test
exec .venv/bin/python -m pytest "$@"
