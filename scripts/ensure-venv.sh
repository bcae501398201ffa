#!/usr/bin/env bash
# Create .venv and install sopgen into it (editable), once per change of pyproject.toml.
# Usage: scripts/ensure-venv.sh [EXTRAS]   e.g. scripts/ensure-venv.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
spec="."
[ -n "$extras" ] && spec=".[$extras]"
stamp=".venv/.installed-${extras:-base}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "sopgen: membuat virtualenv .venv ..." >&2
  "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "sopgen: memasang sopgen dan dependensinya ($spec) ..." >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" >&2
  touch "$stamp"
fi
