"""Which features carry signal a model's out-of-fold predictions miss, compared with another model's.

For each feature: its rows in 20 equal-count bins of the value, plus one bin of missing values; in each bin
the sum of (y - p) over the sum of p(1 - p); chi2 = the sum over bins of (sum(y - p))^2 / sum p(1 - p).
A model whose predictions already account for the feature has chi2 near the number of bins (about 21);
a larger chi2 means the default rate moves along the feature in a way the predictions do not follow.
Both models' pooled OOF probabilities are first put on the plain probability scale by Platt scaling (our MLP
is trained with class weights, so its raw outputs are not calibrated).

Run with the bench venv, on an export (export.ts) holding both OOF files:
  $(bench/lightgbm/setup-venv.sh) bench/lightgbm/residuals.py DIR MODEL_A MODEL_B [FEATURE,FEATURE...]
MODEL_A / MODEL_B name DIR/oof-<name>.json (e.g. mlp-default-s42, lightgbm). Prints the 25 features where
A misses most more than B, the 8 where it misses least, and, for the features listed, the default rate and
both models' mean probability in each bin.
"""

import json
import sys

import numpy as np
from scipy.stats import rankdata

BINS = 20


def platt(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression of y on logit(p) by Newton's method: the model's ranking, on a calibrated scale."""
    p = np.clip(p, 1e-7, 1 - 1e-7)
    z = np.log(p / (1 - p))
    a, b = 1.0, 0.0
    for _ in range(50):
        q = 1 / (1 + np.exp(-(a * z + b)))
        w = q * (1 - q)
        gradient = np.array([np.sum((q - y) * z), np.sum(q - y)])
        hessian = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]])
        a, b = np.array([a, b]) - np.linalg.solve(hessian, gradient)
    return 1 / (1 + np.exp(-(a * z + b)))


def groups(column: np.ndarray) -> list:
    """Row indices of the missing bin (if any) and of the BINS equal-count bins of the known values."""
    missing = ~np.isfinite(column)
    known = np.where(~missing)[0]
    ordered = known[np.argsort(column[known], kind="stable")]
    parts = [np.where(missing)[0]] if missing.any() else []
    return parts + [part for part in np.array_split(ordered, BINS) if len(part)]


def chi2(parts: list, y: np.ndarray, p: np.ndarray) -> float:
    return sum(np.sum(y[g] - p[g]) ** 2 / max(np.sum(p[g] * (1 - p[g])), 1e-9) for g in parts)


def univariate_rank(x: np.ndarray, y: np.ndarray, names: list) -> dict:
    """Rank of each feature by |AUC - 0.5| with missing at the median: the order our input selection uses."""
    n1 = y.sum()
    n0 = len(y) - n1
    scores = []
    for j, name in enumerate(names):
        column = x[:, j].astype(float)
        known = np.isfinite(column)
        filled = np.where(known, column, np.median(column[known]) if known.any() else 0.0)
        ranks = rankdata(filled)
        auc = (ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
        scores.append((abs(auc - 0.5), name))
    return {name: i + 1 for i, (_, name) in enumerate(sorted(scores, reverse=True))}


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    directory, a_name, b_name = sys.argv[1:4]
    shown = sys.argv[4].split(",") if len(sys.argv) > 4 else []
    meta = json.load(open(f"{directory}/meta.json"))
    names = meta["names"]
    y = np.array(meta["target"], dtype=float)
    x = np.fromfile(f"{directory}/features.f32", dtype=np.float32).reshape(len(y), len(names))
    pa = platt(np.array(json.load(open(f"{directory}/oof-{a_name}.json"))["oof"], dtype=float), y)
    pb = platt(np.array(json.load(open(f"{directory}/oof-{b_name}.json"))["oof"], dtype=float), y)
    rank = univariate_rank(x, y, names)
    rows = []
    for j, name in enumerate(names):
        parts = groups(x[:, j].astype(float))
        ca, cb = chi2(parts, y, pa), chi2(parts, y, pb)
        rows.append((ca - cb, ca, cb, name))
    rows.sort(reverse=True)
    print(f"chi2 of {a_name} - chi2 of {b_name} (about {BINS + 1} when the feature is accounted for)")
    print(f"{'A - B':>8} {'A':>7} {'B':>7}  univariate rank  feature")
    for row in rows[:25] + [None] + rows[-8:]:
        if row is None:
            print("     ...")
            continue
        diff, ca, cb, name = row
        print(f"{diff:8.1f} {ca:7.1f} {cb:7.1f}  {rank[name]:>15}  {name}")
    for name in shown:
        column = x[:, names.index(name)].astype(float)
        print(f"\n{name}: bin, rows, lowest value, default rate, mean p of {a_name}, of {b_name}")
        for k, g in enumerate(groups(column)):
            low = np.nanmin(column[g]) if np.isfinite(column[g]).any() else float("nan")
            print(f"  {k:2d} {len(g):6d} {low:11.4g}  {y[g].mean():.3f}  {pa[g].mean():.3f}  {pb[g].mean():.3f}")


if __name__ == "__main__":
    main()
