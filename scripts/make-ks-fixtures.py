#!/usr/bin/env python3
"""Generate the KS fixtures of @credit/monitoring once, with scipy.stats.ks_2samp (default method 'auto').

Run: python3 scripts/make-ks-fixtures.py  (needs numpy + scipy; e.g. a throwaway venv under /tmp)
Writes monitoring/src/stats/fixtures/ks2samp.json: inputs, statistic, p-value and scipy's version.
"""
import json, os
import numpy as np
import scipy
from scipy.stats import ks_2samp

rng = np.random.default_rng(20261123)
cases = []

def add(name, a, b):
    r = ks_2samp(a, b)
    cases.append({"name": name, "a": [float(v) for v in a], "b": [float(v) for v in b],
                  "statistic": float(r.statistic), "pvalue": float(r.pvalue)})

add("small exact, equal sizes", rng.normal(size=8), rng.normal(0.5, 1, size=8))
add("small exact, unequal sizes", rng.normal(size=15), rng.normal(0.3, 1.2, size=23))
add("identical samples", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
add("ties, integer codes", rng.integers(0, 4, size=60), rng.integers(0, 5, size=45))
add("ties, many repeated values", np.round(rng.exponential(size=300), 1), np.round(rng.exponential(1.1, size=250), 1))
add("exact, moderate unequal sizes", rng.normal(size=700), rng.normal(0.05, 1, size=1300))
add("exact, completely separated", rng.uniform(0, 1, size=30), rng.uniform(2, 3, size=40))
add("large asymptotic, no shift", rng.normal(size=12000), rng.normal(size=3000))
add("large asymptotic, small shift", rng.normal(size=15000), rng.normal(0.03, 1, size=4000))
add("large asymptotic, clear shift", rng.normal(size=12000), rng.normal(0.2, 1, size=2500))
add("large asymptotic, tiny current sample", rng.normal(size=11000), rng.normal(0.4, 1, size=60))
add("large asymptotic, ties", rng.integers(0, 20, size=20000), rng.integers(0, 21, size=5000))

out = os.path.join(os.path.dirname(__file__), "..", "monitoring", "src", "stats", "fixtures", "ks2samp.json")
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump({"generator": "scripts/make-ks-fixtures.py", "scipy": scipy.__version__,
               "numpy": np.__version__, "cases": cases}, f)
os.replace(tmp, out)
print(f"wrote {len(cases)} cases to {out}")
