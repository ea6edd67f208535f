/**
 * The one place the served model lives, so SIGHUP and alias polling share the same reload:
 *
 *   reload(target) -> queued behind any reload in progress -> load(target)
 *     -> ok: one assignment swaps it in (requests already running keep the object they read)
 *     -> error: the previous model stays, the promise rejects (the caller logs it)
 */
export interface ModelSlot<M> {
  /** What serves now; read it once per request (AppDeps.model) so a request never mixes two models. */
  current(): M;
  /**
   * Loads `target` (what it means is the loader's business: a registry version, or undefined for
   * "whatever the source points to now") and swaps it in. Reloads run one at a time, in call order.
   */
  reload(target?: string): Promise<M>;
}

export function createModelSlot<M>(initial: M, load: (target?: string) => Promise<M>): ModelSlot<M> {
  let served = initial;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    current: () => served,
    reload(target) {
      const next = queue.then(async () => {
        const loaded = await load(target);
        served = loaded;
        return loaded;
      });
      // A failed reload must not block the next one.
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
