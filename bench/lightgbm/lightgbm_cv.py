"""Step 2 of the comparison: LightGBM on the exported features and folds (bench/lightgbm/export.ts).

Per fold: fit on the other folds, early stopping on the fold's own validation AUC (the same protocol as
our MLP), predict the fold. Writes DIR/oof-lightgbm.json = {"oof": [...], "folds": [...], "params": {...}}
in the exported row order; metrics (AUC, cost, threshold) are computed by report.ts with the trainer's
own metric code so every model is scored identically.
Run with the bench venv: $(bench/lightgbm/setup-venv.sh) bench/lightgbm/lightgbm_cv.py [DIR] [seeds]
LIGHTGBM_SEED=N seeds the boosters with N, N+1, ... instead of the export's seed and writes
DIR/oof-lightgbm-seedN.json (the folds stay the export's): how much of a figure is the luck of one seed.
"""

import json
import os
import sys
import time

import lightgbm as lgb
import numpy as np

DEFAULT_DIR = os.path.expanduser("~/.cache/credit-scoring/lightgbm-bench")

# A common Home Credit setting: small learning rate, column and row subsampling, many rounds + early stop.
PARAMS = {
    "objective": "binary",
    "metric": "auc",
    "learning_rate": 0.03,
    "num_leaves": 31,
    "min_child_samples": 50,
    "feature_fraction": 0.3,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 5.0,
    # LIGHTGBM_THREADS (default 2): 1 leaves a core to the rest of a shared machine.
    "num_threads": int(os.environ.get("LIGHTGBM_THREADS", "2")),
    "verbose": -1,
}
MAX_ROUNDS = 3000
# LIGHTGBM_SEED: the first booster seed instead of the export's; its output file is named after it.
SEED_OVERRIDE = None if os.environ.get("LIGHTGBM_SEED") is None else int(os.environ["LIGHTGBM_SEED"])
EARLY_STOP = 150


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted one half (same definition as training/src/metrics.ts)."""
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main() -> None:
    directory = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with open(os.path.join(directory, "meta.json"), encoding="utf8") as f:
        meta = json.load(f)
    names = meta["names"]
    y = np.asarray(meta["target"], dtype=np.float64)
    fold = np.asarray(meta["fold"], dtype=np.int32)
    x = np.fromfile(os.path.join(directory, "features.f32"), dtype=np.float32).reshape(len(y), len(names))
    print(f"lightgbm {lgb.__version__}: {x.shape[0]} rows x {x.shape[1]} features, {meta['folds']} folds", flush=True)
    seed0 = meta["seed"] if SEED_OVERRIDE is None else SEED_OVERRIDE
    oof = np.zeros(len(y))
    folds = []
    started = time.time()
    for k in range(meta["folds"]):
        tr, va = fold != k, fold == k
        p = np.zeros(va.sum())
        rounds = []
        for s in range(seeds):
            params = {**PARAMS, "seed": seed0 + s}
            train = lgb.Dataset(x[tr], y[tr], free_raw_data=True)
            valid = lgb.Dataset(x[va], y[va], reference=train)
            booster = lgb.train(
                params,
                train,
                num_boost_round=MAX_ROUNDS,
                valid_sets=[valid],
                callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)],
            )
            p += booster.predict(x[va], num_iteration=booster.best_iteration) / seeds
            rounds.append(booster.best_iteration)
        oof[va] = p
        folds.append({"fold": k, "rows": int(va.sum()), "auc": auc(y[va], p), "bestIterations": rounds})
        print(f"fold {k}: AUC {folds[-1]['auc']:.4f}, best iterations {rounds}, {time.time() - started:.0f} s", flush=True)
        # Saved after every fold: a run cut short still gives figures on the folds done (report.ts handles it).
        save(directory, oof, folds, seeds, time.time() - started, meta["folds"])
    print(f"pooled OOF AUC {auc(y, oof):.4f}", flush=True)


def save(directory: str, oof: np.ndarray, folds: list, seeds: int, seconds: float, n_folds: int) -> None:
    name = "oof-lightgbm.json" if SEED_OVERRIDE is None else f"oof-lightgbm-seed{SEED_OVERRIDE}.json"
    out = os.path.join(directory, name)
    done = [f["fold"] for f in folds]
    params = {**PARAMS, "max_rounds": MAX_ROUNDS, "early_stop": EARLY_STOP, "seeds": seeds}
    with open(out + ".tmp", "w", encoding="utf8") as f:
        json.dump(
            {"oof": oof.tolist(), "folds": folds, "foldsDone": done, "partial": len(done) < n_folds, "params": params, "seconds": seconds},
            f,
        )
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
