/** Fixed-window counter per key, in memory (one process). */
export function createLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const hits = new Map<string, { count: number; start: number }>();
  return {
    /** Returns seconds to wait when over the limit, else 0 (and counts the hit). */
    hit(key: string): number {
      const t = now();
      const h = hits.get(key);
      if (!h || t - h.start >= windowMs) {
        if (hits.size > 10000) hits.clear();
        hits.set(key, { count: 1, start: t });
        return 0;
      }
      h.count += 1;
      return h.count > limit ? Math.ceil((h.start + windowMs - t) / 1000) : 0;
    },
    reset(key: string) {
      hits.delete(key);
    },
  };
}
