import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { DataError, openStore, type DecisionStore } from '@credit/data';
import { Counter, Gauge, Registry } from 'prom-client';
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
