import { TrackingError } from '../errors.js';

/** MLflow's log-batch limits (mlflow/utils/validation.py). */
export const LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  items: 1000,
  bytes: 1_000_000,
  paramValue: 6000,
  tagValue: 8000,
  key: 250,
} as const;

export interface KeyValue {
  key: string;
  value: string;
}
export interface MetricValue {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}
export interface Batch {
  metrics: MetricValue[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** Refuses what the server would refuse, naming the key: values are never cut silently. */
export function validateBatch(batch: Batch): void {
  const check = (
    kind: string,
    key: string,
    value: string | undefined,
    maxValue: number | undefined,
  ): void => {
    if (key.length === 0 || key.length > LIMITS.key)
      throw new TrackingError(
        'E_KEY_TOO_LONG',
        `${kind} key "${key.slice(0, 60)}..." has ${key.length} characters; MLflow accepts 1 to ${LIMITS.key}: shorten it`,
      );
    if (value !== undefined && maxValue !== undefined && value.length > maxValue)
      throw new TrackingError(
        'E_VALUE_TOO_LONG',
        `${kind} "${key}" has a value of ${value.length} characters; MLflow accepts at most ${maxValue}: log it as an artifact instead`,
      );
  };
  for (const p of batch.params) check('param', p.key, p.value, LIMITS.paramValue);
  for (const t of batch.tags) check('tag', t.key, t.value, LIMITS.tagValue);
  for (const m of batch.metrics) {
    check('metric', m.key, undefined, undefined);
    if (!Number.isInteger(m.step))
      throw new TrackingError('E_BAD_STEP', `metric "${m.key}" step ${m.step} is not an integer`);
  }
}

/** Splits into calls that each respect every limit (counts per kind, total items, request size). */
export function splitBatch(batch: Batch, limits: typeof LIMITS = LIMITS): Batch[] {
  validateBatch(batch);
  const out: Batch[] = [];
  let cur: Batch = { metrics: [], params: [], tags: [] };
  let bytes = 64; // envelope: run_id and brackets
  const flush = (): void => {
    if (cur.metrics.length + cur.params.length + cur.tags.length > 0) out.push(cur);
    cur = { metrics: [], params: [], tags: [] };
    bytes = 64;
  };
  const add = <K extends keyof Batch>(kind: K, item: Batch[K][number], max: number): void => {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    const items = cur.metrics.length + cur.params.length + cur.tags.length;
    if (cur[kind].length >= max || items >= limits.items || bytes + size > limits.bytes) flush();
    (cur[kind] as Batch[K][number][]).push(item);
    bytes += size;
  };
  for (const p of batch.params) add('params', p, limits.params);
  for (const t of batch.tags) add('tags', t, limits.tags);
  for (const m of batch.metrics) add('metrics', m, limits.metrics);
  flush();
  return out;
}
