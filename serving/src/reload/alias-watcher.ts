/**
 * Polls where a registry alias (models:/credit-scoring@champion) points and reloads when it moves:
 *
 *   every intervalMs: readVersion() -> same as served? nothing
 *                                   -> different: reload(version) -> logged; on error the old model stays
 *
 * Checks never overlap (the next one is scheduled when the previous one ends), and the timer does not
 * keep the process alive. A tracker that cannot be reached is logged and retried at the next tick.
 */
export interface WatchLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AliasWatcherOptions {
  intervalMs: number;
  /** Version the alias points to now; undefined when the alias is gone. */
  readVersion(): Promise<string | undefined>;
  /** Registry version being served. */
  servedVersion(): string | undefined;
  /** Loads `version` and swaps it in; rejects to keep the current model. */
  reload(version: string): Promise<unknown>;
  logger: WatchLogger;
  /** For messages, e.g. models:/credit-scoring@champion. */
  uri: string;
}

export type CheckResult = 'unchanged' | 'reloaded' | 'failed' | 'unreachable';

export interface AliasWatcher {
  /** One check now (also what each tick runs). */
  check(): Promise<CheckResult>;
  /** Stops polling and waits for a check in progress. */
  stop(): Promise<void>;
}

export function watchAlias(opts: AliasWatcherOptions): AliasWatcher {
  if (!(opts.intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${opts.intervalMs}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<CheckResult> | undefined;

  const check = (): Promise<CheckResult> => {
    running ??= (async (): Promise<CheckResult> => {
      let version: string | undefined;
      try {
        version = await opts.readVersion();
      } catch (e) {
        opts.logger.warn('cannot read the model alias; still serving the current model', {
          uri: opts.uri,
          error: String(e),
        });
        return 'unreachable';
      }
      const served = opts.servedVersion();
      if (version === undefined || version === served) return 'unchanged';
      opts.logger.info('model alias moved; loading the new version', {
        uri: opts.uri,
        from: served,
        to: version,
      });
      try {
        await opts.reload(version);
        opts.logger.info('model reloaded', { uri: opts.uri, version });
        return 'reloaded';
      } catch (e) {
        opts.logger.error('reload failed; the previous model keeps serving', {
          uri: opts.uri,
          version,
          error: String(e),
        });
        return 'failed';
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void check().finally(schedule), opts.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    check,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
