import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { DataError, openStore, type DecisionStore } from '@credit/data';
import { Counter, Gauge, Registry } from 'prom-client';
import request from 'supertest';
import { createApp, type ServingApp } from '../app.js';
import { hashPassword } from '../auth/secrets.js';
import type { LimitSpec } from '../auth/throttle.js';
import { fakeClients, fakeModel } from '../testing/fakes.js';
import type { WorkerMessage } from './messages.js';
import { createPrimaryHub, type PrimaryHub } from './primary-hub.js';
import { connectToPrimary, type ClusterLink } from './worker-link.js';

/** Two ends of an IPC channel, with structured cloning as cluster's 'advanced' serialisation does. */
function channelPair(id: number) {
  const toWorker = new EventEmitter();
  const toPrimary = new EventEmitter();
  const later = (emitter: EventEmitter, m: unknown) =>
    setImmediate(() => emitter.emit('message', structuredClone(m)));
  return {
    worker: { send: (m: unknown) => later(toPrimary, m), on: toWorker.on.bind(toWorker) },
    primarySide: { id, send: (m: unknown) => later(toWorker, m), on: toPrimary.on.bind(toPrimary) },
  };
}

let store: DecisionStore;
let hub: PrimaryHub;
const links: ClusterLink[] = [];
const registries: Registry[] = [];
const listening: string[] = [];

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  hub = createPrimaryHub(store);
  for (const id of [1, 2]) {
    const pair = channelPair(id);
    hub.attach(pair.primarySide, (url) => listening.push(url));
    const link = connectToPrimary(pair.worker, store.kind);
    const registry = new Registry();
    const decisions = new Counter({
      name: 'd_total',
      help: 'd',
      labelNames: ['decision'],
      registers: [registry],
    });
    new Gauge({
      name: 'info',
      help: 'i',
      labelNames: ['version'],
      aggregator: 'max',
      registers: [registry],
      collect() {
        this.set({ version: 'v1' }, 1); // as credit_model_info: set when collected
      },
    });
    decisions.inc({ decision: 'grant' }, id * 10);
    link.provideMetrics(() => registry.getMetricsAsJSON());
    links.push(link);
    registries.push(registry);
  }
});
afterAll(() => store.close());

const row = (requestId: string) => ({
  createdAt: new Date('2026-11-23T10:00:00Z'),
  requestId,
  user: 'key:k1',
  clientId: 100002,
  modelVersion: 'v1',
  features: { names: ['A', 'B'], values: new Float64Array([1.5, NaN]) },
  probability: 0.3,
  decision: 'grant' as const,
  latencyMs: 1.2,
});

describe('a cluster of serving workers', () => {
  it("writes every worker's decisions to the primary's one store, typed values intact", async () => {
    await Promise.all([
      links[0]!.store.insertDecisions([row('a'), row('b')]),
      links[1]!.store.insertDecisions([row('c')]),
    ]);
    expect(await links[1]!.store.countDecisions()).toBe(3);
    const [last] = await links[0]!.store.listDecisions({ clientId: 100002, limit: 1 });
    expect(last?.createdAt.toISOString()).toBe('2026-11-23T10:00:00.000Z'); // a Date again
    expect(last?.features).toEqual({ A: 1.5, B: null });
    expect(hub.inFlight).toBe(0);
  });

  it("brings the store's errors back with their class and code", async () => {
    await links[0]!.store.createUser('ann', 'advisor', 'hash');
    const failure = await links[1]!.store.createUser('ann', 'advisor', 'hash').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(await store.findUser('ann')).toMatchObject({ name: 'ann', role: 'advisor' });
    const viaDataError = await links[0]!.store
      .insertDecisions([{ ...row('d'), features: { names: ['A', 'B'], values: new Float64Array([1]) } }])
      .catch((e: unknown) => e);
    expect(viaDataError).toBeInstanceOf(DataError);
    expect((viaDataError as DataError).code).toMatch(/./);
  });

  it("sums the workers' counters and keeps the model gauge at 1", async () => {
    const text = await links[0]!.clusterMetrics();
    expect(text).toMatch(/d_total\{decision="grant"\} 30/);
    expect(text).toMatch(/info\{version="v1"\} 1/);
  });

  it('does not wait for a worker that left', async () => {
    hub.detach(2);
    const text = await links[0]!.clusterMetrics();
    expect(text).toMatch(/d_total\{decision="grant"\} 10/);
  });

  it('tells the primary where a worker listens', async () => {
    links[0]!.listening('http://127.0.0.1:1234');
    await new Promise((r) => setTimeout(r, 20));
    expect(listening).toEqual(['http://127.0.0.1:1234']);
  });
});

describe('limits over a cluster', () => {
  let clock = Date.parse('2026-12-03T10:00:00Z');
  let limitLinks: ClusterLink[];
  let apps: ServingApp[];
  beforeAll(async () => {
    const limitHub = createPrimaryHub(store, () => clock);
    limitLinks = [11, 12].map((id) => {
      const pair = channelPair(id);
      limitHub.attach(pair.primarySide);
      return connectToPrimary(pair.worker, store.kind);
    });
    await store.createUser('bob', 'advisor', await hashPassword('right password'));
    // Two workers of one server: the same config, each its own app, sharing the primary's counters.
    apps = limitLinks.map((link) =>
      createApp({
        store,
        model: () => fakeModel(),
        clients: fakeClients({ 100002: [5, 1] }),
        config: { rateLimitPerMinute: 4 },
        cluster: { ...link, provideMetrics: () => undefined },
      }),
    );
  });
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('counts hits from both workers against one fixed window, with the seconds left', async () => {
    const spec: LimitSpec = { name: 'test', limit: 2, windowMs: 60_000 };
    const [a, b] = limitLinks.map((link) => link.limiters(spec));
    expect([await a!.hit('k'), await b!.hit('k')]).toEqual([0, 0]);
    clock += 15_000;
    expect(await a!.hit('k')).toBe(45);
    expect(await b!.hit('other key')).toBe(0);
    clock += 45_000; // a new window
    expect(await b!.hit('k')).toBe(0);
  });

  it('refuses requests spread over both workers once the limit is reached in total', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(apps[i % 2]!.app).get('/v1/model')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]); // unauthenticated, then limited
    const refused = await request(apps[0]!.app).get('/v1/model');
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: `too many requests; retry in ${refused.headers['retry-after']} s`,
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles failed logins spread over both workers, and a success on one resets it on both', async () => {
    clock += 60_000; // past the request limit of the previous test
    const login = (worker: number, password: string) =>
      request(apps[worker]!.app).post('/v1/auth/login').send({ username: 'bob', password });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(i % 2, 'wrong')).status);
    clock += 60_000; // the request limit's next window (4 per minute); the login window is 15 min
    statuses.push((await login(0, 'wrong')).status);
    const throttled = await login(1, 'wrong');
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('login_throttled');
    clock += 60_000;
    expect((await login(1, 'right password')).status).toBe(200);
    expect((await login(0, 'wrong')).status).toBe(401);
  });

  it('leases 1% of a large limit at a time: never more than the limit over both workers, few round trips', async () => {
    const leaseHub = createPrimaryHub(store, () => clock);
    let calls = 0;
    const [a, b] = [21, 22].map((id) => {
      const pair = channelPair(id);
      leaseHub.attach(pair.primarySide);
      const counted = { ...pair.worker, send: (m: unknown) => (calls++, pair.worker.send(m)) };
      return connectToPrimary(counted, store.kind).limiters({ name: 'lease', limit: 1000, windowMs: 60_000 });
    });
    let allowed = 0;
    const hit = async (i: number) => (await (i % 3 === 0 ? a! : b!).hit('key')) === 0 && allowed++;
    for (let i = 0; i < 900; i++) await hit(i);
    expect(allowed).toBe(900);
    expect(calls).toBeLessThanOrEqual(92); // one round trip per lease of 10 hits (per worker), not 900
    for (let i = 900; i < 1200; i++) await hit(i); // refusals still ask the primary: a reset there counts
    expect(allowed).toBeLessThanOrEqual(1000); // the primary never grants more than the limit
    expect(allowed).toBeGreaterThanOrEqual(1000 - 9); // a's unspent lease can refuse b early, by at most 9
    const refused = await b!.hit('key');
    expect(refused).toBeGreaterThan(0); // seconds left in the window
  });

  it('counts in the worker when the primary does not answer in time, and asks again later', async () => {
    const sent: WorkerMessage[] = [];
    let now = 0;
    const spells: { reason: string; forMs: number }[] = [];
    const silent = connectToPrimary({ send: (m) => sent.push(m), on: () => undefined }, store.kind, {
      waitMs: 20,
      localForMs: 1000,
      now: () => now,
      onLocalCounting: (e) => spells.push(e),
    });
    const limiter = silent.limiters({ name: 'test', limit: 2, windowMs: 60_000 });
    const waits = [await limiter.hit('k'), await limiter.hit('k'), await limiter.hit('k')];
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBe(0);
    expect(waits[2]).toBeGreaterThan(0); // the local count still limits this worker
    expect(sent).toHaveLength(1); // only the first hit waited for the primary
    // Reported once per spell, without the key (an IP or a user name).
    expect(spells).toEqual([{ reason: 'the primary did not answer within 20 ms', forMs: 1000 }]);
    now += 1000;
    await limiter.hit('k');
    expect(sent).toHaveLength(2);
    expect(spells).toHaveLength(2);
  });
});
