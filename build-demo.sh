#!/usr/bin/env bash
# Quick start, command one: install sopgen into .venv and build the demo site (content/) into output/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-venv.sh
exec .venv/bin/sopgen build content --out output "$@"
