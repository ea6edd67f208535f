import cluster, { type Worker } from 'node:cluster';
import type { CliLogger } from '../logger.js';
import { PipelineError } from '../errors.js';
import { openServingStore } from '../commands/serve.js';

/** Environment variable telling a worker which store the primary opened (its link reports the kind). */
export const STORE_KIND_ENV = 'CREDIT_SERVE_STORE_KIND';

export interface ServingPrimary {
  /** Where the workers listen (they share one port). */
  url: string;
  /** SIGHUP to every worker: each reloads the model, the old one serving until its swap. */
  reload(): void;
  /** SIGTERM to every worker (each drains and flushes its decision log here), then closes the store. */
  close(): Promise<void>;
}

/** More worker restarts than this within the window stop the server (exit 1). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** A worker that has not exited this long after SIGTERM is killed. */
const STOP_WAIT_MS = 30_000;

/**
 * `credit serve --workers N`, primary side: opens the one decision store, forks N workers that run the
 * whole API on a shared port (Node's cluster hands out connections), answers their store and metrics
 * calls, replaces a worker that dies, and stops them in order.
 *
 *   open store -> fork N (same argv) -> each: startServer(cluster link) -> "listening" -> url
 *   SIGHUP -> every worker reloads;  close -> SIGTERM each -> wait exits -> close store
 */
export async function startServingPrimary(options: {
  root: string;
  workers: number;
  logger: CliLogger;
}): Promise<ServingPrimary> {
  const { createPrimaryHub } = await import('@credit/serving');
  const { logger } = options;
  const store = await openServingStore(options.root, logger);
  const hub = createPrimaryHub(store);
  cluster.setupPrimary({ serialization: 'advanced' }); // Dates and typed arrays cross as they are
  const alive = new Set<Worker>();
  let stopping = false;
  let started = false;
  const restarts: number[] = [];

  let startupFailed: (e: Error) => void = () => undefined;
  let allListening: (url: string) => void = () => undefined;
  const ready = new Promise<string>((ok, ko) => {
    allListening = ok;
    startupFailed = ko;
  });
  const listening = new Set<number>(); // worker ids
  // One shutdown, whoever asks first: close(), a failed start-up or a crash loop.
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= stopWorkers());

  const fork = (): void => {
    const worker = cluster.fork({ [STORE_KIND_ENV]: store.kind });
    alive.add(worker);
    hub.attach(
      {
        id: worker.id,
        send: (m) => {
          if (worker.isConnected()) worker.send(m);
        },
        on: (event, listener) => worker.on(event, listener),
      },
      (url) => {
        listening.add(worker.id);
        if (!started && listening.size === options.workers) {
          started = true;
          allListening(url);
        }
      },
    );
    worker.on('exit', (code, signal) => {
      alive.delete(worker);
      hub.detach(worker.id);
      if (stopping) return;
      if (!started) {
        startupFailed(
          new PipelineError(
            'E_WORKER_START',
            `a serving worker stopped before listening (exit code ${code ?? signal}); its error is above`,
          ),
        );
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        // Crashing over and over (out of memory, a broken model...): stop rather than fork forever.
        logger.error('serving workers keep stopping; shutting down', {
          restarts: restarts.length,
          code,
          signal,
        });
        void close().then(() => process.exit(1));
        return;
      }
      logger.error('serving worker stopped; starting another', { worker: worker.id, code, signal });
      fork();
    });
  };
  for (let i = 0; i < options.workers; i++) fork();

  const stopWorkers = async () => {
    stopping = true;
    await Promise.all(
      [...alive].map(
        (w) =>
          new Promise<void>((ok) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), STOP_WAIT_MS);
            w.once('exit', () => {
              clearTimeout(kill);
              ok();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
    while (hub.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await store.close();
  };

  let url: string;
  try {
    url = await ready;
  } catch (e) {
    await close();
    throw e;
  }
  logger.info('serving workers started', { workers: options.workers, store: store.kind });
  return {
    url,
    reload() {
      for (const w of alive) w.process.kill('SIGHUP');
    },
    close,
  };
}
