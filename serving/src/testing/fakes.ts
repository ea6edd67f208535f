import type { ClientBase, ScoringModel } from '../deps.js';

/** A tiny deterministic model: p = sigmoid(sum(x) / 10). */
export function fakeModel(version = 'v1', threshold = 0.5): ScoringModel {
  const featureNames = ['AMT_CREDIT_K', 'EXT_SOURCE_1'];
  return {
    version,
    threshold,
    featureNames,
    predict: (x) => 1 / (1 + Math.exp(-x.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) / 10)),
    decide: (p) => (p >= threshold ? 'refuse' : 'grant'),
    reasons: (x, top) =>
      featureNames.slice(0, top).map((f, i) => {
        const c = (x[i] ?? 0) / 10;
        return {
          field: f,
          label: f,
          direction: c >= 0 ? 'raises' : 'lowers',
          contribution: c,
          text: `${f} ${c >= 0 ? 'raises' : 'lowers'} the risk`,
        };
      }),
  };
}

export function fakeClients(rows: Record<number, number[]>): ClientBase {
  return {
    vectorOf: (id) => (rows[id] ? Float64Array.from(rows[id]) : undefined),
    vectorFromApplication: (app) =>
      Float64Array.from([Number(app.AMT_CREDIT ?? 0) / 1000, Number(app.EXT_SOURCE_1 ?? NaN)]),
  };
}
