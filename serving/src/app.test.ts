import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openStore, type DecisionStore } from '@credit/data';
import request from 'supertest';
import type express from 'express';
import { createApp, type ServingApp } from './app.js';
import { hashPassword, hashToken } from './auth/secrets.js';
import { fakeClients, fakeModel } from './testing/fakes.js';

let store: DecisionStore;
let served: ServingApp;
const logLines: { message: string; fields: Record<string, unknown> }[] = [];
const logger = {
  info: (message: string, fields: Record<string, unknown> = {}) => logLines.push({ message, fields }),
  warn: (message: string, fields: Record<string, unknown> = {}) => logLines.push({ message, fields }),
  error: (message: string, fields: Record<string, unknown> = {}) => logLines.push({ message, fields }),
};
const ADVISOR_KEY = 'advisor-key-0123456789';
const OPS_KEY = 'ops-key-0123456789';

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  await store.createApiKey('k1', 'tests', 'advisor', hashToken(ADVISOR_KEY));
  await store.createApiKey('k2', 'ops', 'ops', hashToken(OPS_KEY));
  await store.createUser('ann', 'advisor', await hashPassword('correct horse'));
  served = createApp({
    store,
    model: () => fakeModel(),
    clients: fakeClients({ 100002: [5, 1], 100003: [-20, 0] }),
    logger,
  });
});
afterAll(async () => {
  await served.close();
  await store.close();
});

const api = () => request(served.app);

describe('public routes', () => {
  it('answers health without auth and sets security headers', async () => {
    const r = await api().get('/health/live');
    expect(r.status).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect((await api().get('/health/ready')).body).toEqual({ status: 'ready', modelVersion: 'v1' });
  });
  it('serves an OpenAPI 3.1 document built from the schemas', async () => {
    const r = await api().get('/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(r.body.paths['/v1/score'].post.requestBody.content['application/json'].schema.anyOf).toHaveLength(
      2,
    );
  });
});

describe('scoring', () => {
  it('refuses anonymous and wrong-key callers', async () => {
    expect((await api().post('/v1/score').send({ clientId: 100002 })).status).toBe(401);
    expect((await api().post('/v1/score').set('X-API-Key', 'nope').send({ clientId: 100002 })).status).toBe(
      401,
    );
  });
  it('scores a known client and logs the decision', async () => {
    const r = await api().post('/v1/score').set('X-API-Key', ADVISOR_KEY).send({ clientId: 100002 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      clientId: 100002,
      decision: 'refuse',
      threshold: 0.5,
      modelVersion: 'v1',
    });
    expect(r.body.probability).toBeCloseTo(1 / (1 + Math.exp(-0.6)), 12);
    await served.decisions.flush();
    const [row] = await store.listDecisions({ clientId: 100002, limit: 1 });
    expect(row).toMatchObject({
      requestId: r.headers['x-request-id'],
      user: 'key:k1',
      decision: 'refuse',
      features: { AMT_CREDIT_K: 5, EXT_SOURCE_1: 1 },
    });
  });
  it('scores a new application', async () => {
    const r = await api()
      .post('/v1/score')
      .set('X-API-Key', ADVISOR_KEY)
      .send({ application: { AMT_CREDIT: -30000 } });
    expect(r.status).toBe(200);
    expect(r.body.decision).toBe('grant');
    expect(r.body.clientId).toBeUndefined();
  });
  it('answers 404 for an unknown client, 422 with fields for a bad body, 400/415/413 for malformed requests', async () => {
    const key = { 'X-API-Key': ADVISOR_KEY };
    const nf = await api().post('/v1/score').set(key).send({ clientId: 1 });
    expect([nf.status, nf.body.error.code]).toEqual([404, 'not_found']);
    const bad = await api().post('/v1/score').set(key).send({ clientId: 'abc' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.length).toBeGreaterThan(0);
    expect(bad.body.error.fields[0].path).toMatch(/^body/);
    expect(
      (await api().post('/v1/score').set(key).set('Content-Type', 'application/json').send('{"clientId":'))
        .status,
    ).toBe(400);
    expect(
      (await api().post('/v1/score').set(key).set('Content-Type', 'text/plain').send('clientId=1')).status,
    ).toBe(415);
    const big = await api()
      .post('/v1/score')
      .set(key)
      .send({ application: { X: 'a'.repeat(200_000) } });
    expect(big.status).toBe(413);
    expect(JSON.stringify(big.body)).not.toMatch(/at .*\.(ts|js)/);
  });
  it('writes exactly one row per decision returned under concurrent load', async () => {
    await served.decisions.flush(); // rows of earlier tests
    const before = await store.countDecisions();
    const rs = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        api()
          .post('/v1/score')
          .set('X-API-Key', ADVISOR_KEY)
          .send(i % 10 === 0 ? { clientId: 9 } : { clientId: 100003 }),
      ),
    );
    const ok = rs.filter((r) => r.status === 200).length;
    expect(ok).toBe(135);
    await served.decisions.flush();
    expect((await store.countDecisions()) - before).toBe(ok);
  });
});

describe('known client answers', () => {
  it('explains a known client once per model, logs every decision, recomputes after a reload', async () => {
    let current = fakeModel('v1');
    let explained = 0;
    const counting = (m: ReturnType<typeof fakeModel>) => ({
      ...m,
      reasons: (x: Float64Array, top: number) => (explained++, m.reasons(x, top)),
    });
    current = counting(current);
    const own = createApp({ store, model: () => current, clients: fakeClients({ 100002: [5, 1] }) });
    try {
      await own.decisions.flush();
      const before = await store.countDecisions();
      const score = () =>
        request(own.app).post('/v1/score').set('X-API-Key', ADVISOR_KEY).send({ clientId: 100002 });
      const [a, b] = [await score(), await score()];
      expect(b.body).toEqual(a.body);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
      expect(explained).toBe(1);
      current = counting(fakeModel('v2')); // what a hot reload does: a new model object
      const c = await score();
      expect(c.body.modelVersion).toBe('v2');
      expect(explained).toBe(2);
      await own.decisions.flush();
      expect((await store.countDecisions()) - before).toBe(3);
    } finally {
      await own.close();
    }
  });
});

describe('batch and metrics', () => {
  it('scores a batch, logs each decision, caps the batch size, exposes Prometheus metrics to ops only', async () => {
    const key = { 'X-API-Key': ADVISOR_KEY };
    await served.decisions.flush(); // rows of earlier tests
    const before = await store.countDecisions();
    const r = await api()
      .post('/v1/score/batch')
      .set(key)
      .send({ applications: [{ clientId: 100002 }, { application: { AMT_CREDIT: -30000 } }] });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { decision: string }) => x.decision)).toEqual(['refuse', 'grant']);
    await served.decisions.flush();
    expect((await store.countDecisions()) - before).toBe(2);
    const tooMany = await api()
      .post('/v1/score/batch')
      .set(key)
      .send({ applications: Array.from({ length: 101 }, () => ({ clientId: 100002 })) });
    expect(tooMany.status).toBe(422);
    expect((await api().get('/metrics').set(key)).status).toBe(403);
    const m = await api().get('/metrics').set('X-API-Key', OPS_KEY);
    expect(m.status).toBe(200);
    expect(m.text).toMatch(/credit_decisions_total\{decision="refuse",model_version="v1"\} \d+/);
    expect(m.text).toContain('credit_model_info{version="v1"} 1');
    expect(m.text).toContain('credit_http_request_duration_seconds_bucket');
    expect(m.text).toMatch(/^credit_decision_log_pending \d+$/m);
    await served.decisions.flush();
    expect((await api().get('/metrics').set('X-API-Key', OPS_KEY)).text).toMatch(
      /^credit_decision_log_pending 0$/m,
    );
  });
});

describe('sessions, CSRF, roles, overrides', () => {
  it('logs in, needs the CSRF token for unsafe methods, records an override in the history', async () => {
    const agent = request.agent(served.app);
    expect((await agent.post('/v1/auth/login').send({ username: 'ann', password: 'wrong' })).status).toBe(
      401,
    );
    const login = await agent.post('/v1/auth/login').send({ username: 'ann', password: 'correct horse' });
    expect(login.status).toBe(200);
    expect(login.headers['set-cookie']?.[0]).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
    const csrf = login.body.csrfToken as string;
    expect((await agent.get('/v1/auth/me')).body).toMatchObject({ user: 'ann', role: 'advisor' });
    expect(
      (
        await agent
          .post('/v1/clients/100002/overrides')
          .send({ decision: 'grant', justification: 'salary verified by phone' })
      ).status,
    ).toBe(403);
    const o = await agent
      .post('/v1/clients/100002/overrides')
      .set('X-CSRF-Token', csrf)
      .send({ decision: 'grant', justification: 'salary verified by phone' });
    expect(o.status).toBe(201);
    const h = await agent.get('/v1/clients/100002/decisions');
    expect(h.body.items[0]).toMatchObject({ kind: 'override', user: 'ann', decision: 'grant' });
    expect((await agent.post('/v1/auth/logout').set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await agent.get('/v1/auth/me')).status).toBe(401);
  });
  it('forbids ops from overriding', async () => {
    const r = await api()
      .post('/v1/clients/100002/overrides')
      .set('X-API-Key', OPS_KEY)
      .send({ decision: 'grant', justification: 'xxxxxxxxxxxx' });
    expect(r.status).toBe(403);
  });
  it('throttles repeated failed logins', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++)
      answers.push(
        await api()
          .post('/v1/auth/login')
          .send({ username: 'ann', password: `bad${i}` }),
      );
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const throttled = answers[6]!;
    expect(throttled.status).toBe(429);
    // The wait is both in the message and in the standard header, and they agree (at most the 15 min window).
    const seconds = Number(throttled.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(throttled.body.error.message).toBe(`too many failed logins; retry in ${seconds} s`);
    expect(answers[4]!.headers['retry-after']).toBeUndefined();
  });
});

describe('fuzz', () => {
  it('never answers 5xx to random or malformed bodies', async () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [null, true, 1, -1, 1e308, 'x', '', [], {}, [1, 'a'], { a: { b: [] } }, 'clientId', NaN];
    const pick = () => values[Math.floor(rnd() * values.length)];
    for (let i = 0; i < 120; i++) {
      const kind = Math.floor(rnd() * 4);
      const body =
        kind === 0
          ? { clientId: pick() }
          : kind === 1
            ? { application: pick(), history: pick() }
            : kind === 2
              ? pick()
              : { [String(pick())]: pick() };
      const path =
        [
          '/v1/score',
          '/v1/clients/100002/overrides',
          '/v1/auth/login',
          `/v1/clients/${String(pick())}/decisions`,
          '/v1/what-if',
          '/v1/score/batch',
        ][i % 6] ?? '/v1/score';
      const raw =
        rnd() < 0.2 ? '{"a":' + 'x'.repeat(Math.floor(rnd() * 20)) : (JSON.stringify(body) ?? 'null');
      const r = await api()
        .post(path)
        .set('X-API-Key', ADVISOR_KEY)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(r.status).toBeLessThan(500);
      const what = await api()
        .post('/v1/what-if')
        .set('X-API-Key', ADVISOR_KEY)
        .send({
          clientId: rnd() < 0.5 ? 100002 : pick(),
          changes: { [String(pick())]: pick(), AMT_CREDIT: pick() },
        });
      expect(what.status).toBeLessThan(500);
      const q = () => encodeURIComponent(String(pick()));
      const id = rnd() < 0.5 ? '100002' : q();
      const get = [
        `/v1/clients/${id}/explanation`,
        `/v1/clients/${id}/compare?fields=${q()},AMT_CREDIT_K&population=${q()}&k=${q()}`,
        `/v1/clients/${id}/scatter?x=${q()}&y=EXT_SOURCE_1&population=${q()}`,
        `/v1/clients?${q()}=${q()}&sort=${q()}`,
      ][i % 4]!;
      expect((await api().get(get).set('X-API-Key', ADVISOR_KEY)).status).toBeLessThan(500);
    }
  });
});

describe('request log', () => {
  it('writes one line per request: id, method, route pattern, status, latency, user, no client data', async () => {
    logLines.length = 0;
    const r = await api().get('/v1/clients/100002/decisions').set('X-API-Key', ADVISOR_KEY);
    await api()
      .post('/v1/what-if')
      .set('X-API-Key', ADVISOR_KEY)
      .send({ clientId: 100002, changes: { AMT_CREDIT: 1 } });
    await api().get('/no/such/route');
    const requests = logLines.filter((l) => l.message === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]!.fields).toMatchObject({
      requestId: r.headers['x-request-id'],
      method: 'GET',
      route: '/v1/clients/:id/decisions',
      status: 200,
      user: 'key:k1',
    });
    expect(typeof requests[0]!.fields.ms).toBe('number');
    expect(requests[1]!.fields).toMatchObject({ route: '/v1/what-if', status: 200 });
    expect(requests[2]!.fields).toMatchObject({ route: 'unmatched', status: 404, user: null });
    // neither the client id of the path nor anything of the body reaches the log
    expect(JSON.stringify(requests)).not.toMatch(/100002|AMT_CREDIT/);
  });
});

describe('new routes on the fake model', () => {
  const key = { 'X-API-Key': ADVISOR_KEY };
  it('explains, compares, scatters and answers what-if', async () => {
    const e = await api().get('/v1/clients/100002/explanation').set(key);
    expect(e.body).toMatchObject({ clientId: 100002, modelVersion: 'v1', output: { logit: 0.6 } });
    const c = await api().get('/v1/clients/100002/compare?fields=AMT_CREDIT_K').set(key);
    expect(c.body).toMatchObject({
      population: 'all',
      size: 2,
      fields: [{ clientValue: 5, percentile: 0.75 }],
    });
    // No contract, age or income columns in the fake base: no rule, every other client.
    const seg = await api().get('/v1/clients/100002/compare?fields=AMT_CREDIT_K&population=segment').set(key);
    expect(seg.body).toMatchObject({ population: 'segment', size: 1, segment: [] });
    const s = await api().get('/v1/clients/100003/scatter?x=AMT_CREDIT_K&y=EXT_SOURCE_1').set(key);
    expect(s.body).toEqual({
      points: [
        { x: 5, y: 1 },
        { x: -20, y: 0 },
      ],
      client: { x: -20, y: 0 },
    });
    const w = await api()
      .post('/v1/what-if')
      .set(key)
      .send({ clientId: 100002, changes: { AMT_CREDIT: -4000 } });
    expect(w.body.probability).toBeCloseTo(1 / (1 + Math.exp(-(-4 + 1) / 10)), 12);
    const bad = await api()
      .post('/v1/what-if')
      .set(key)
      .send({ clientId: 100002, changes: { AGE: 3 } });
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([422, 'body.changes.AGE']);
  });
  it('reports not ready while the client base is being scored', async () => {
    let finish = () => {};
    let warm = false;
    const pending = new Promise<void>((ok) => (finish = ok));
    const app = createApp({
      store,
      model: () => fakeModel(),
      clients: { ...fakeClients({}), isWarm: () => warm, warm: () => pending },
    });
    const r = await request(app.app).get('/health/ready');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not_ready', reason: 'scoring the client base' });
    warm = true;
    finish();
    expect((await request(app.app).get('/health/ready')).status).toBe(200);
    await app.close();
  });
});

/** (method, OpenAPI path) of every route Express knows, routers included. */
function expressRoutes(app: express.Express): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

describe('OpenAPI document', () => {
  it('documents every Express route, with a response schema for every JSON answer', async () => {
    const doc = (await api().get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    const routes = expressRoutes(served.app);
    expect(routes.length).toBeGreaterThanOrEqual(19);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual([...new Set(routes)].sort());
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        const json = Object.values(op.responses).filter((r) => r.content?.['application/json']);
        if (!['/openapi.json', '/docs', '/metrics', '/v1/auth/logout'].includes(p))
          expect([
            `${m} ${p}`,
            json.length > 0 && json.every((r) => r.content!['application/json']!.schema),
          ]).toEqual([`${m} ${p}`, true]);
      }
    const whatIf = doc.paths['/v1/what-if']!.post as unknown as {
      requestBody: { content: Record<string, { schema: { anyOf: unknown[] } }> };
    };
    expect(whatIf.requestBody.content['application/json']!.schema.anyOf).toHaveLength(2);
  });
});
