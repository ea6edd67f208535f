/**
 * computeDrift with the per-feature work (sorts, KS, PSI, histograms: nearly all the time) spread over
 * worker threads, one per core; the summary is the same code as computeDrift's.
 *
 *   match features -> each idle worker gets the next feature (a compact copy of both columns,
 *   transferred, at most 2 in flight per worker) -> results in reference order -> summarise
 *
 * Falls back to computeDrift in this thread when there is one core, few rows, or a worker cannot start
 * (e.g. under a test runner without a TypeScript loader for threads).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DriftConfig } from './config.js';
import { computeDrift, matchFeatures, summarise } from './compute.js';
import { MonitoringError } from '../errors.js';
import type { DriftInput, DriftReport, FeatureDrift, FeatureKind } from './types.js';

export interface FeatureTask {
  id: number;
  name: string;
  reference: Float64Array;
  current: Float64Array;
  kind?: FeatureKind;
  importance?: number;
  config: DriftConfig;
}

export interface ParallelOptions {
  /** Worker threads; default: the number of cores. 1 = computeDrift in this thread. */
  threads?: number;
  /** Below this many reference cells (rows x features) threads cost more than they save. */
  minCells?: number;
  /** Told how many worker threads take the work. */
  onThreads?: (threads: number) => void;
  /** Told why the work ran in this thread instead (one core, small input, a worker failed to start). */
  onFallback?: (reason: string) => void;
}

type Reply = { ready: true } | { id: number; result: FeatureDrift } | { id: number; error: string };

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

export async function computeDriftParallel(
  input: DriftInput,
  options: ParallelOptions = {},
): Promise<DriftReport> {
  const pairs = matchFeatures(input);
  const rows = input.reference.columns[0]?.length ?? 0;
  const threads = Math.min(options.threads ?? availableParallelism(), pairs.length);
  if (threads <= 1 || rows * pairs.length < (options.minCells ?? 2_000_000)) {
    options.onFallback?.(threads <= 1 ? 'one thread' : 'small input');
    return computeDrift(input);
  }

  options.onThreads?.(threads);
  const results = new Array<FeatureDrift | undefined>(pairs.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (!failed) reject(e);
        failed = true;
      };
      const send = (w: Worker) => {
        if (next >= pairs.length || failed) return;
        const id = next++;
        const p = pairs[id]!;
        // Compact copies: a view into a larger buffer (Arrow) would otherwise clone the whole buffer.
        const reference = Float64Array.from(p.reference);
        const current = Float64Array.from(p.current);
        const task: FeatureTask = {
          id,
          name: p.name,
          reference,
          current,
          config: input.config,
          ...(p.kind ? { kind: p.kind } : {}),
          ...(p.importance !== undefined ? { importance: p.importance } : {}),
        };
        w.postMessage(task, [reference.buffer, current.buffer]);
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(WORKER_URL);
        workers.push(w);
        let started = false;
        w.on('message', (m: Reply) => {
          if ('ready' in m) {
            started = true;
            send(w);
            send(w); // two in flight: the next copy is ready when a result comes back
            return;
          }
          if ('error' in m)
            return fail(new MonitoringError('E_DRIFT_WORKER', `feature ${pairs[m.id]!.name}: ${m.error}`));
          results[m.id] = m.result;
          done++;
          input.onProgress?.(done, pairs.length);
          if (done === pairs.length) resolve();
          else send(w);
        });
        w.on('error', (e) => fail(started ? e : new WorkerStartError(e)));
        w.on('exit', (code) => {
          if (done < pairs.length && !failed)
            fail(new WorkerStartError(new Error(`worker exited with ${code}`)));
        });
      }
    });
  } catch (e) {
    if (e instanceof WorkerStartError) {
      options.onFallback?.(`worker failed: ${String((e.cause as Error | undefined)?.message ?? e.cause)}`);
      return computeDrift(input);
    }
    throw e;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summarise(input, results as FeatureDrift[]);
}

/** A worker that could not start or died: computeDriftParallel redoes the work in this thread. */
class WorkerStartError extends Error {
  constructor(cause: unknown) {
    super('drift worker thread failed', { cause });
  }
}
