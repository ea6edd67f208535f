/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, sent then whatever the earlier
 * ones are doing, and its latency is measured from when it was due (so a stalled client or server shows
 * up in the figures instead of quietly lowering the rate: no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it lets each connection send back to back until its quota for the
 * second is used, then waits for the next second, so "500 requests/s" is a burst of 500 at full
 * concurrency at the start of every second, and its latencies are those of a saturated server.
 */
import http from 'node:http';

export interface PacedOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The body of request i. */
  body: (i: number) => string;
  rate: number;
  seconds: number;
}

/** The fields of autocannon's result the serving bench prints. */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}

const TIMEOUT_MS = 10_000;

export async function pacedLoad(o: PacedOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(o.rate * o.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const dueAt = (i: number) => started + (i * 1000) / o.rate;

  const send = (i: number) =>
    new Promise<void>((done) => {
      const due = dueAt(i);
      const req = http.request(
        o.url,
        { method: o.method, headers: o.headers, agent, timeout: TIMEOUT_MS },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode! >= 200 && res.statusCode! < 300) ok++;
            else non2xx++;
            done();
          });
        },
      );
      req.on('timeout', () => {
        timeouts++;
        req.destroy();
      });
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(o.body(i));
    });

  const inFlight: Promise<void>[] = [];
  for (let next = 0; next < total;) {
    const now = performance.now();
    while (next < total && dueAt(next) <= now) inFlight.push(send(next++));
    if (next < total)
      await new Promise((wake) => setTimeout(wake, Math.max(0, dueAt(next) - performance.now() - 0.2)));
  }
  await Promise.all(inFlight);
  const duration = (performance.now() - started) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    requests: { average: ok / duration, total },
    latency: {
      p50: round(at(0.5)),
      p99: round(at(0.99)),
      average: round(latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length)),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
    errors,
    timeouts,
    non2xx,
    '2xx': ok,
    duration,
  };
}
