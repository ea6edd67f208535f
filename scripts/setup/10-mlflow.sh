#!/usr/bin/env bash
# Installs a pinned MLflow (3.17.2: 3.18.0 is listed but its mlflow-skinny is not on the index here) tracking server in a cached virtual environment, used by the experiments
# contract suite (real `mlflow server`) and the UI screenshots. Idempotent: when the venv already holds
# the pinned version it only checks it (well under a second) and exits.
# Cache: ${CREDIT_CACHE_DIR:-$HOME/.cache/credit-scoring}/mlflow-venv (outside the repo, shared by clones).
set -euo pipefail

MLFLOW_VERSION="3.17.2"
CACHE_DIR="${CREDIT_CACHE_DIR:-$HOME/.cache/credit-scoring}"
VENV="$CACHE_DIR/mlflow-venv"
STAMP="$VENV/.credit-mlflow-version"

if [[ -x "$VENV/bin/mlflow" && -f "$STAMP" && "$(cat "$STAMP")" == "$MLFLOW_VERSION" ]]; then
  echo "mlflow $MLFLOW_VERSION ready in $VENV"
  exit 0
fi

PYTHON="${PYTHON:-$(command -v python3 || true)}"
if [[ -z "$PYTHON" ]]; then
  echo "10-mlflow.sh: python3 not found; install Python 3.10+ (needed for the MLflow contract tests)" >&2
  exit 1
fi

start=$(date +%s)
echo "installing mlflow $MLFLOW_VERSION into $VENV (first run only)"
mkdir -p "$CACHE_DIR"
# The stamp file is written last: an interrupted install has none and is rebuilt from scratch.
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
# pip warns about every missing local index folder: hide that noise, keep real errors (pipefail keeps its status).
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION" 2>&1 |
  { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/mlflow" --version
echo "$MLFLOW_VERSION" >"$STAMP"
echo "mlflow $MLFLOW_VERSION installed in $(($(date +%s) - start)) s"
