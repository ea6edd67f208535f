/**
 * Stage outputs keyed by their inputs' hash, so `credit run` re-uses what is already built.
 *
 *   inputs -> hash -> <parent>/<stage>-<hash12>/  (complete when its stage.json exists)
 *
 * A stage writes into a temporary sibling folder that is renamed into place when it succeeds, so an
 * interrupted stage never leaves a folder that looks complete.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StageRecord<T> {
  stage: string;
  inputsHash: string;
  finishedAt: string;
  seconds: number;
  result: T;
}

export interface StageRun<T> {
  dir: string;
  reused: boolean;
  record: StageRecord<T>;
}

export function hashInputs(inputs: unknown): string {
  return createHash('sha256').update(stableStringify(inputs)).digest('hex');
}

/** JSON with object keys sorted, so equal inputs hash equally whatever the key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function runStage<T>(options: {
  stage: string;
  parentDir: string;
  inputs: unknown;
  force?: boolean;
  /** Builds the stage's files into `dir` and returns a JSON-serialisable summary. */
  produce: (dir: string) => Promise<T>;
}): Promise<StageRun<T>> {
  const inputsHash = hashInputs(options.inputs);
  const dir = join(options.parentDir, `${options.stage}-${inputsHash.slice(0, 12)}`);
  const marker = join(dir, 'stage.json');
  if (!options.force && existsSync(marker)) {
    return { dir, reused: true, record: JSON.parse(readFileSync(marker, 'utf8')) as StageRecord<T> };
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = performance.now();
  try {
    const result = await options.produce(tmp);
    const record: StageRecord<T> = {
      stage: options.stage,
      inputsHash,
      finishedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      result,
    };
    writeFileSync(join(tmp, 'stage.json'), `${JSON.stringify(record, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return { dir, reused: false, record };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
