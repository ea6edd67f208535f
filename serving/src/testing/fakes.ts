import type { ClientBase, ScoringModel } from '../deps.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const known = (v: number) => (Number.isFinite(v) ? v : 0);

/** A tiny deterministic model: p = sigmoid(sum(x) / 10); each feature contributes x / 10 (baseline 0). */
export function fakeModel(version = 'v1', threshold = 0.5): ScoringModel {
  const featureNames = ['AMT_CREDIT_K', 'EXT_SOURCE_1'];
  const parts = (x: Float64Array) =>
    featureNames.map((f, i) => {
      const c = known(x[i] ?? NaN) / 10;
      const direction = c >= 0 ? ('raises' as const) : ('lowers' as const);
      return { field: f, label: f, contribution: c, direction, text: `${f} ${direction} the risk` };
    });
  return {
    version,
    threshold,
    featureNames,
    predict: (x) => sigmoid(x.reduce((a, b) => a + known(b), 0) / 10),
    decide: (p) => (p >= threshold ? 'refuse' : 'grant'),
    reasons: (x, top) => parts(x).slice(0, top),
    explain(x) {
      const logit = x.reduce((a, b) => a + known(b), 0) / 10;
      return {
        baseline: { logit: 0, probability: 0.5 },
        output: { logit, probability: sigmoid(logit) },
        contributions: parts(x).map((p, i) => ({ ...p, value: Number.isFinite(x[i]!) ? x[i]! : null })),
      };
    },
  };
}

/** Clients by id -> [AMT_CREDIT_K, EXT_SOURCE_1]; a what-if on AMT_CREDIT moves AMT_CREDIT_K. */
export function fakeClients(rows: Record<number, number[]>): ClientBase {
  const ids = Object.keys(rows).map(Number);
  const names = ['AMT_CREDIT_K', 'EXT_SOURCE_1'];
  const columns = names.map((_, j) => Float64Array.from(ids, (id) => rows[id]![j]!));
  return {
    vectorOf: (id) => (rows[id] ? Float64Array.from(rows[id]) : undefined),
    vectorFromApplication: (app) =>
      Float64Array.from([Number(app.AMT_CREDIT ?? 0) / 1000, Number(app.EXT_SOURCE_1 ?? NaN)]),
    changeableFields: () => ['AMT_CREDIT', 'EXT_SOURCE_1'],
    vectorWithChanges(id, changes) {
      const v = rows[id] ? Float64Array.from(rows[id]) : undefined;
      if (v && changes.AMT_CREDIT !== undefined) v[0] = changes.AMT_CREDIT / 1000;
      if (v && changes.EXT_SOURCE_1 !== undefined) v[1] = changes.EXT_SOURCE_1;
      return v;
    },
    population: {
      ids,
      names,
      column: (n) => columns[names.indexOf(n)],
      rowOf: (id) => (rows[id] ? ids.indexOf(id) : undefined),
    },
  };
}
