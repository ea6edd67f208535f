#!/usr/bin/env bash
# Creates (once) the LightGBM bench's own virtual environment and prints its python path.
# Location: $CREDIT_LIGHTGBM_VENV or ~/.cache/credit-scoring/lightgbm-venv. Reinstalls when requirements.txt changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${CREDIT_LIGHTGBM_VENV:-$HOME/.cache/credit-scoring/lightgbm-venv}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "creating LightGBM venv in $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt" >&2
  echo "$want" >"$stamp"
fi
echo "$venv/bin/python"
