import { onlineFeatures, type ClientHistory, type FeatureRecipe, type FeatureTable } from '@credit/data';
import { presort, PRESORTED_ORDERS, summarize, type ListedClient } from '../clients/list.js';
import type { ClientBase, ScoringModel } from '../deps.js';
import { ServingError } from '../errors.js';

export interface FeatureClientOptions {
  /** Batch features of the known clients (readFeatureFile). */
  table: FeatureTable;
  /** The recipe the table was built with: online features for new applications follow it. */
  recipe: FeatureRecipe;
  /** Feature order of the current model; read per call so a hot reload with new features is followed. */
  featureNames: () => readonly string[];
  /** Application rows by SK_ID_CURR, for the client routes (optional). */
  applications?: ReadonlyMap<number, Record<string, unknown>>;
}

export interface FeatureClientBase extends ClientBase {
  readonly table: FeatureTable;
  readonly applications: ReadonlyMap<number, Record<string, unknown>>;
  /** Row index of a client in the table, or undefined. */
  rowOf(clientId: number): number | undefined;
}

/** Client base over a feature table: vectors are mapped to the model's feature order by name. */
export function featureClientBase(options: FeatureClientOptions): FeatureClientBase {
  const { table, recipe } = options;
  const rowById = new Map<number, number>();
  table.ids.forEach((id, i) => rowById.set(id, i));
  const tableIndex = new Map(table.names.map((n, i) => [n, i]));
  const recipeIndex = new Map(recipe.features.map((n, i) => [n, i]));

  // Index maps are rebuilt only when the model's name list changes (a reload); each on first use.
  const orderFor = (index: Map<string, number>, where: string) => {
    let cachedNames: readonly string[] | undefined;
    let order: number[] = [];
    return () => {
      const names = options.featureNames();
      if (names !== cachedNames) {
        order = names.map((n) => lookup(index, n, where));
        cachedNames = names;
      }
      return order;
    };
  };
  const fromTable = orderFor(tableIndex, 'the feature table');
  const fromRecipe = orderFor(recipeIndex, 'the feature recipe');

  // Probabilities of the whole base, once per model (a reload brings a new model object).
  const listed = new WeakMap<ScoringModel, ListedClient[]>();
  const summaries = () => Array.from(table.ids, (id) => summarize(id, options.applications?.get(id)));
  const scoreAll = (model: ScoringModel): Float64Array => {
    const order = fromTable();
    const n = table.ids.length;
    const out = new Float64Array(n);
    for (let start = 0; start < n; start += CHUNK_ROWS)
      out.set(scoreRows(model, order, start, Math.min(n, start + CHUNK_ROWS)), start);
    return out;
  };

  const toListed = (model: ScoringModel, p: Float64Array) =>
    summaries().map((s, i) => ({ ...s, probability: p[i]!, decision: model.decide(p[i]!) }));
  // Background scoring: one batch per macrotask so requests (health, score) keep being answered meanwhile.
  const warming = new WeakMap<ScoringModel, Promise<void>>();
  const warm = (model: ScoringModel): Promise<void> => {
    if (listed.has(model)) return Promise.resolve();
    let done = warming.get(model);
    if (!done) {
      done = (async () => {
        const order = fromTable();
        const n = table.ids.length;
        const out = new Float64Array(n);
        for (let start = 0; start < n; start += WARM_CHUNK_ROWS) {
          await new Promise((resolve) => setImmediate(resolve));
          if (listed.has(model)) return; // a synchronous listAll finished first
          const end = Math.min(n, start + WARM_CHUNK_ROWS);
          out.set(scoreRows(model, order, start, end), start);
        }
        if (listed.has(model)) return;
        const all = toListed(model, out);
        for (const [key, order] of PRESORTED_ORDERS) {
          await new Promise((resolve) => setImmediate(resolve));
          presort(all, key, order);
        }
        listed.set(model, all);
      })();
      warming.set(model, done);
    }
    return done;
  };
  const scoreRows = (model: ScoringModel, order: number[], start: number, end: number) => {
    const columns = order.map((j) => table.columns[j]!.subarray(start, end));
    if (model.predictColumns) return model.predictColumns(columns);
    return Float64Array.from({ length: end - start }, (_, i) =>
      model.predict(Float64Array.from(columns, (c) => c[i]!)),
    );
  };
  const applicationColumns = recipe.tables.application.columns
    .filter((c) => c.kind === 'numeric' && c.name !== 'SK_ID_CURR' && c.name !== 'TARGET')
    .map((c) => c.name);
  const vectorOf = (clientId: number) => {
    const row = rowById.get(clientId);
    if (row === undefined) return undefined;
    // A plain loop: Float64Array.from(iterable, map) goes through the iterator protocol (hot per request).
    const order = fromTable();
    const vector = new Float64Array(order.length);
    for (let k = 0; k < order.length; k++) vector[k] = table.columns[order[k]!]![row]!;
    return vector;
  };

  return {
    table,
    listAll(model) {
      let all = listed.get(model);
      if (!all) {
        all = toListed(model, scoreAll(model));
        listed.set(model, all);
      }
      return all;
    },
    warm,
    isWarm: (model) => listed.has(model),
    population: {
      ids: table.ids,
      names: table.names,
      column: (name) => {
        const j = tableIndex.get(name);
        return j === undefined ? undefined : table.columns[j];
      },
      rowOf: (id) => rowById.get(id),
    },
    changeableFields: () => applicationColumns,
    vectorWithChanges(clientId, changes) {
      const application = options.applications?.get(clientId);
      const vector = vectorOf(clientId);
      if (!application || !vector) return undefined;
      // Only features whose online value moves with the change are replaced: history aggregates (not
      // available online here) keep the batch value, derived ratios (credit/income...) are recomputed.
      const before = onlineFeatures(application, {}, recipe);
      const after = onlineFeatures({ ...application, ...changes }, {}, recipe);
      fromRecipe().forEach((j, k) => {
        const a = before[j]!;
        const b = after[j]!;
        if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) vector[k] = b;
      });
      return vector;
    },
    applications: options.applications ?? new Map(),
    rowOf: (id) => rowById.get(id),
    applicationOf: (id) => (rowById.has(id) ? options.applications?.get(id) : undefined),
    vectorOf,
    vectorFromApplication(application, history) {
      const online = onlineFeatures(application, (history ?? {}) as ClientHistory, recipe);
      return Float64Array.from(fromRecipe(), (j) => online[j]!);
    },
  };
}

/** Rows scored per batch: bounds the preprocessed matrix in memory. */
const CHUNK_ROWS = 4096;
/**
 * Rows per batch of the background scoring: other requests wait at most one batch (measured with
 * bench/serving-client-base.ts: about 1.5 s per 4096 rows on 2 busy cores, so 512 rows ~ 0.2 s).
 */
const WARM_CHUNK_ROWS = 512;

function lookup(index: Map<string, number>, name: string, where: string): number {
  const j = index.get(name);
  if (j === undefined)
    throw new ServingError(
      'model_features_mismatch',
      `the model needs feature "${name}" but ${where} has no such column; rebuild the features with the recipe the model was trained on`,
      { status: 500 },
    );
  return j;
}
