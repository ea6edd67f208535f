#!/usr/bin/env bash
# The whole LightGBM comparison on the real sample: export -> LightGBM CV -> MLP + logistic CV -> report.
# Usage: bench/lightgbm/run.sh [maxEpochs=6] [mlpSeeds=1] [folds=5]
# Data stays outside the repository (~/.cache/credit-scoring/lightgbm-bench); LightGBM runs in its own venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-6}"; seeds="${2:-1}"; folds="${3:-5}"
dir="${CREDIT_LIGHTGBM_BENCH_DIR:-$HOME/.cache/credit-scoring/lightgbm-bench}"
python="$(bench/lightgbm/setup-venv.sh)"
npx tsx bench/lightgbm/export.ts "$dir" "$folds"
"$python" bench/lightgbm/lightgbm_cv.py "$dir"
npx tsx bench/lightgbm/mlp-cv.ts "$epochs" "$seeds" "$dir"
npx tsx bench/lightgbm/report.ts "$dir"
