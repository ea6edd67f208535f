import cluster from 'node:cluster';
import { checkServeInputs, startServer, type ServeOptions } from '../commands/serve.js';
import { startServingPrimary, STORE_KIND_ENV } from './primary.js';

/**
 * What this process does for `credit serve`, by its place in the cluster:
 *   workers = 1           -> the whole server here
 *   workers > 1, primary  -> the store and N forked workers (./primary.ts)
 *   a forked worker       -> the whole server, with the primary's store (it re-ran the same command)
 * Signals: SIGTERM/SIGINT stop (drain, flush the decision log), SIGHUP reloads the model.
 * `announce` gets the URL once the server (every worker) listens.
 */
export async function serveProcess(
  options: ServeOptions,
  workers: number,
  announce: (url: string) => void,
): Promise<{ close(): Promise<void> }> {
  const { logger } = options;
  let running: { close(): Promise<void>; reload(): Promise<unknown> | void };
  if (workers > 1 && cluster.isPrimary) {
    await checkServeInputs(options); // once here, rather than the same error from every worker
    const primary = await startServingPrimary({ root: options.root, workers, logger });
    running = primary;
    announce(primary.url);
  } else if (cluster.isWorker) {
    const { connectToPrimary } = await import('@credit/serving');
    const kind = process.env[STORE_KIND_ENV] === 'postgres' ? 'postgres' : 'pglite';
    const link = connectToPrimary({ send: (m) => process.send?.(m), on: (e, l) => process.on(e, l) }, kind, {
      onLocalCounting: ({ reason, forMs }) =>
        logger.warn('rate limits counted by this worker alone for a while: the primary did not answer', {
          reason,
          forMs,
        }),
    });
    try {
      running = await startServer({ ...options, cluster: link });
    } catch (e) {
      process.channel?.unref(); // the IPC channel would keep a failed worker alive (and exit code 1)
      throw e;
    }
  } else {
    const single = await startServer(options);
    running = single;
    announce(single.url);
  }

  const stop = (signal: string) => {
    logger.info('stopping', { signal });
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error('shutdown failed', { error: String(e) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    Promise.resolve(running.reload()).then(
      (version) => {
        if (typeof version === 'string') logger.info('model reloaded', { version });
      },
      (e: unknown) => logger.error('reload failed; the previous model keeps serving', { error: String(e) }),
    );
  });
  return running;
}
