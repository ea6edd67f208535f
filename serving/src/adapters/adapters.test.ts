import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildFeatures,
  fieldsOfFeatures,
  loadKaggleDir,
  openStore,
  synthesizeKaggleDir,
  type DecisionStore,
  type FeatureRecipe,
  type FeatureTable,
} from '@credit/data';
import { trainFromFeatureTable, type FieldImportance, type ScoringModel as Bundle } from '@credit/training';
import request from 'supertest';
import { createApp, type ServingApp } from '../app.js';
import { hashToken } from '../auth/secrets.js';
import type { ScoringModel } from '../deps.js';
import { bundleScoringModel } from './bundle-model.js';
import { featureClientBase, type FeatureClientBase } from './feature-clients.js';

const KEY = 'advisor-key-0123456789';
let dir: string;
let store: DecisionStore;
let served: ServingApp;
let bundle: Bundle;
let table: FeatureTable;
let recipe: FeatureRecipe;
let importance: FieldImportance[];
let model: ScoringModel;
let clients: FeatureClientBase;
const applications = new Map<number, Record<string, unknown>>();

beforeAll(async () => {
  // Smallest real path: synthetic Kaggle application rows -> recipe features -> a tiny trained MLP.
  dir = await mkdtemp(path.join(tmpdir(), 'serving-adapters-'));
  await synthesizeKaggleDir({ outDir: dir, clients: 160, testClients: 10, seed: 7 });
  const tables = await loadKaggleDir(dir, { tables: ['application_train', 'application_test'] });
  ({ table, recipe } = buildFeatures(tables));
  for (const t of [tables.application_train, tables.application_test])
    for (const row of t!.objects() as Record<string, unknown>[])
      applications.set(Number(row.SK_ID_CURR), row);
  const trained = await trainFromFeatureTable(table, {
    // as credit train does: one-hot columns grouped under their source field, a (small) dictionary
    fieldOf: fieldsOfFeatures(recipe),
    fieldInfo: {
      AMT_CREDIT: { label: 'Credit amount', description: 'Credit amount of the loan' },
      NAME_CONTRACT_TYPE: { label: 'Contract type', description: 'Cash or revolving' },
    },
    config: {
      folds: 2,
      importanceRows: 20,
      maxInputs: 0, // every input: a tiny network on a few selected inputs can come out constant (no reasons)
      mlp: { hiddenLayers: [4], epochs: 2, patience: 1, batchSize: 64 },
      baseline: { epochs: 1 },
    },
  });
  bundle = trained.model;
  model = bundleScoringModel(bundle, { version: 'tiny', importance: trained.importance });
  importance = trained.importance;
  store = await openStore({ dataDir: 'memory://' });
  await store.createApiKey('k1', 'tests', 'advisor', hashToken(KEY));
  clients = featureClientBase({ table, recipe, featureNames: () => model.featureNames, applications });
  served = createApp({ store, model: () => model, clients });
}, 120_000);
afterAll(async () => {
  await served?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const rowOf = (i: number) => {
  const byName = new Map(table.names.map((n, j) => [n, table.columns[j]![i]!]));
  return bundle.manifest.featureNames.map((n) => byName.get(n)!);
};

describe('bundle + feature table adapters', () => {
  it('scores a known client with the bundle probability of its feature row', async () => {
    const i = 3;
    const id = table.ids[i]!;
    const r = await request(served.app).post('/v1/score').set('x-api-key', KEY).send({ clientId: id });
    expect(r.status).toBe(200);
    const expected = bundle.predictProba(rowOf(i))[0]!;
    expect(r.body.probability).toBeCloseTo(expected, 6);
    expect(r.body.decision).toBe(bundle.decide(expected));
    expect(r.body.modelVersion).toBe('tiny');
    expect(r.body.reasons.length).toBeGreaterThan(0);
    expect(r.body.reasons.length).toBeLessThanOrEqual(5);
    const top = bundle.explain(rowOf(i)).contributions[0]!;
    expect(r.body.reasons[0].field).toBe(top.field);
    expect(r.body.reasons[0].direction).toBe(top.contribution >= 0 ? 'raises' : 'lowers');
  });
  it('describes the model from its manifest and importance report', async () => {
    const r = await request(served.app).get('/v1/model').set('x-api-key', KEY);
    expect(r.status).toBe(200);
    const m = bundle.manifest;
    expect(r.body.version).toBe('tiny');
    expect(r.body.threshold).toBe(m.threshold);
    expect(r.body.costs).toEqual(m.cost);
    expect(r.body.metrics.mlp.rocAuc).toBe(m.metrics.mlp.rocAuc);
    expect(r.body.features).toEqual(m.featureNames);
    const best = [...importance].sort((a, b) => b.aucDrop - a.aucDrop)[0]!;
    expect(r.body.globalImportance).toHaveLength(importance.length);
    expect(r.body.globalImportance[0]).toMatchObject({ field: best.field, importance: best.aucDrop });
  });
  it('lists clients sorted by probability, filtered and paged', async () => {
    const get = (query: string) => request(served.app).get(`/v1/clients?${query}`).set('x-api-key', KEY);
    const r = await get('sort=probability&order=desc&pageSize=5&page=2');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(table.ids.length);
    expect(r.body.items).toHaveLength(5);
    const probs = r.body.items.map((c: { probability: number }) => c.probability);
    expect(probs).toEqual([...probs].sort((a, b) => b - a));
    const first = r.body.items[0];
    const i = Array.from(table.ids).indexOf(first.id);
    expect(first.probability).toBeCloseTo(bundle.predictProba(rowOf(i))[0]!, 6);
    const app = applications.get(first.id)!;
    expect(first.credit).toBe(app.AMT_CREDIT);
    expect(first.age).toBe(Math.floor(-(app.DAYS_BIRTH as number) / 365.25));
    const all = (await get('pageSize=200')).body.items as { age: number; decision: string }[];
    const refused = (await get('decision=refuse')).body.total;
    expect(refused).toBe(all.filter((c) => c.decision === 'refuse').length);
    const older = (await get('ageMin=40&pageSize=200')).body;
    expect(older.total).toBe(all.filter((c) => c.age !== null && c.age >= 40).length);
    expect((await get('pageSize=500')).status).toBe(422);
    const doc = (await request(served.app).get('/openapi.json')).body;
    const names = doc.paths['/v1/clients'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['ageMin', 'decision', 'sort', 'page', 'pageSize']));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/clients/{id}', '/v1/model']));
  });
  it('shows a client application in groups, days as years', async () => {
    const id = table.ids[5]!;
    const r = await request(served.app).get(`/v1/clients/${id}`).set('x-api-key', KEY);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(id);
    const fields = new Map<string, { value: unknown; display: string }>();
    for (const g of r.body.groups as {
      key: string;
      fields: { name: string; value: unknown; display: string }[];
    }[])
      for (const f of g.fields) fields.set(`${g.key}.${f.name}`, f);
    const app = applications.get(id)!;
    expect(fields.get('credit.AMT_CREDIT')!.value).toBe(app.AMT_CREDIT);
    const years = Math.round((Math.abs(app.DAYS_BIRTH as number) / 365.25) * 10) / 10;
    expect(fields.get('identity.DAYS_BIRTH')!.value).toBe(years);
    expect(fields.has('history.TARGET')).toBe(false);
    expect((await request(served.app).get('/v1/clients/1').set('x-api-key', KEY)).status).toBe(404);
  });
  it('answers 404 for a client not in the table', async () => {
    const r = await request(served.app).post('/v1/score').set('x-api-key', KEY).send({ clientId: 1 });
    expect(r.status).toBe(404);
  });
  it('maps online features for a new application by name to the model order', () => {
    const clients = featureClientBase({ table, recipe, featureNames: () => ['EXT_SOURCE_2', 'AMT_CREDIT'] });
    const v = clients.vectorFromApplication({ AMT_CREDIT: 500000, EXT_SOURCE_2: 0.42 });
    expect(Array.from(v)).toEqual([0.42, 500000]);
  });
  it('names the missing feature when the model and the table disagree', () => {
    const clients = featureClientBase({ table, recipe, featureNames: () => ['NOT_A_FEATURE'] });
    expect(() => clients.vectorOf(table.ids[0]!)).toThrow(/NOT_A_FEATURE/);
  });
});

const get = (url: string) => request(served.app).get(url).set('x-api-key', KEY);
const column = (name: string) => table.columns[table.names.indexOf(name)]!;

describe('explanation, comparison, scatter, what-if on the real model', () => {
  it('explains every business field; attributions sum to output - baseline', async () => {
    const i = 7;
    const id = table.ids[i]!;
    const r = await get(`/v1/clients/${id}/explanation`);
    expect(r.status).toBe(200);
    const { baseline, output, contributions } = r.body as {
      baseline: { logit: number; probability: number };
      output: { logit: number; probability: number };
      contributions: { field: string; label: string; contribution: number; text: string; value: unknown }[];
    };
    const m = bundle.manifest;
    const fields = new Set(m.preprocessing.outputs.map((o) => m.fieldOf[o.feature] ?? o.feature));
    expect(contributions.map((c) => c.field).sort()).toEqual([...fields].sort());
    const sum = contributions.reduce((a, c) => a + c.contribution, 0);
    expect(Math.abs(sum - (output.logit - baseline.logit))).toBeLessThan(1e-3);
    expect(output.probability).toBeCloseTo(bundle.predictProba(rowOf(i))[0]!, 5);
    expect(output.probability).toBeCloseTo(1 / (1 + Math.exp(-output.logit)), 12);
    expect(contributions.every((c) => c.label !== '' && c.text !== '')).toBe(true);
    const abs = contributions.map((c) => Math.abs(c.contribution));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
    const score = await request(served.app).post('/v1/score').set('x-api-key', KEY).send({ clientId: id });
    expect(contributions[0]!.text).toBe(score.body.reasons[0].text);
    // Every field, not only the top reasons, is worded with its unit: the age in years, never a day count.
    const age = contributions.find((c) => c.field === 'DAYS_BIRTH')!;
    expect(age.text).toMatch(/^Age: \d+ years, (younger|older) than \d+% of clients — /);
    expect(contributions.some((c) => /-\d/.test(c.text))).toBe(false);
    expect((await get('/v1/clients/1/explanation')).status).toBe(404);
  });
  it('compares a client with all clients and with its nearest neighbours', async () => {
    const i = 11;
    const id = table.ids[i]!;
    const r = await get(`/v1/clients/${id}/compare?fields=AMT_CREDIT,INCOME_CREDIT_PERC&population=all`);
    expect(r.status).toBe(200);
    expect(r.body.population).toBe('all');
    expect(r.body.size).toBe(table.ids.length);
    expect(r.body.fields[0].label).toBe('Credit amount');
    const [credit] = r.body.fields as {
      field: string;
      clientValue: number;
      percentile: number;
      bins: { count: number }[];
    }[];
    const values = Array.from(column('AMT_CREDIT')).filter(Number.isFinite);
    expect(credit!.clientValue).toBe(column('AMT_CREDIT')[i]);
    expect(credit!.bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
    const v = credit!.clientValue;
    const expected =
      (values.filter((x) => x < v).length + values.filter((x) => x === v).length / 2) / values.length;
    expect(credit!.percentile).toBeCloseTo(expected, 12);
    const similar = await get(`/v1/clients/${id}/compare?fields=AMT_CREDIT&population=similar&k=25`);
    expect(similar.status).toBe(200);
    expect(similar.body.size).toBe(25);
    expect(similar.body.fields[0].bins.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(
      25 - 0, // AMT_CREDIT is never missing in the synthetic set
    );
    const bad = await get(`/v1/clients/${id}/compare?fields=AMT_CREDIT,NOT_A_FIELD`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/unknown field "NOT_A_FIELD".*valid fields: .*AMT_CREDIT/);
    expect(bad.body.error.fields).toEqual([{ path: 'query.fields', message: 'unknown field "NOT_A_FIELD"' }]);
    // The segment on the real feature table: a contract type from its one-hot columns, the rules listed.
    const segment = await get(`/v1/clients/${id}/compare?fields=AMT_CREDIT&population=segment`);
    expect(segment.status).toBe(200);
    expect(segment.body.population).toBe('segment');
    expect(segment.body.segment[0]).toMatchObject({ field: 'NAME_CONTRACT_TYPE' });
    expect(segment.body.size).toBeGreaterThan(0);
    expect(segment.body.size).toBeLessThan(table.ids.length);
    expect((await get(`/v1/clients/${id}/compare?fields=AMT_CREDIT&population=nearby`)).status).toBe(422);
    expect((await get('/v1/clients/1/compare?fields=AMT_CREDIT')).status).toBe(404);
  });
  it('gives scatter points of the population and the client, the same on every call', async () => {
    const i = 2;
    const id = table.ids[i]!;
    const url = `/v1/clients/${id}/scatter?x=AMT_CREDIT&y=EXT_SOURCE_2&population=all`;
    const r = await get(url);
    expect(r.status).toBe(200);
    const x = column('AMT_CREDIT');
    const y = column('EXT_SOURCE_2');
    const both = Array.from(x).filter((xv, j) => Number.isFinite(xv) && Number.isFinite(y[j]!)).length;
    expect(r.body.points).toHaveLength(Math.min(both, 2000));
    const yi = y[i]!;
    expect(r.body.client).toEqual({ x: x[i], y: Number.isFinite(yi) ? yi : null });
    expect((await get(url)).body).toEqual(r.body);
    const near = await get(`/v1/clients/${id}/scatter?x=AMT_CREDIT&y=EXT_SOURCE_2&population=similar&k=10`);
    expect(near.body.points.length).toBeLessThanOrEqual(10);
    const bad = await get(`/v1/clients/${id}/scatter?x=AMT_CREDIT&y=NOPE`);
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([422, 'query.y']);
  });
  it('what-if: recomputes derived features, scores without logging, names bad fields', async () => {
    const i = 4;
    const id = table.ids[i]!;
    const post = (body: object) => request(served.app).post('/v1/what-if').set('x-api-key', KEY).send(body);
    await served.decisions.flush();
    const before = await store.countDecisions();
    const same = await post({ clientId: id, changes: {} });
    expect(same.status).toBe(200);
    expect(same.body.probability).toBeCloseTo(bundle.predictProba(rowOf(i))[0]!, 6);
    const credit = applications.get(id)!.AMT_CREDIT as number;
    const changed = clients.vectorWithChanges!(id, { AMT_CREDIT: credit * 3 })!;
    const at = (name: string) => model.featureNames.indexOf(name);
    const original = rowOf(i);
    expect(changed[at('AMT_CREDIT')]).toBe(credit * 3);
    expect(changed[at('INCOME_CREDIT_PERC')]).toBeCloseTo(original[at('INCOME_CREDIT_PERC')]! / 3, 9);
    // only features computed from AMT_CREDIT move; the others (history aggregates...) keep the batch value
    const moved = model.featureNames.filter((n) => !Object.is(changed[at(n)], original[at(n)]));
    expect(moved.sort()).toEqual(['AMT_CREDIT', 'INCOME_CREDIT_PERC', 'PAYMENT_RATE']);
    const r = await post({ clientId: id, changes: { AMT_CREDIT: credit * 3 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ clientId: id, threshold: model.threshold, modelVersion: 'tiny' });
    expect(r.body.probability).toBeCloseTo(bundle.predictProba(Array.from(changed))[0]!, 6);
    expect(r.body.decision).toBe(bundle.decide(r.body.probability));
    const app = await post({
      application: { AMT_CREDIT: 500000, AMT_INCOME_TOTAL: 100000 },
      changes: { AMT_CREDIT: 250000 },
    });
    expect(app.status).toBe(200);
    expect(app.body.probability).toBeCloseTo(
      model.predict(clients.vectorFromApplication({ AMT_CREDIT: 250000, AMT_INCOME_TOTAL: 100000 })),
      9,
    );
    await served.decisions.flush();
    expect(await store.countDecisions()).toBe(before);
    const bad = await post({ clientId: id, changes: { NOT_A_FIELD: 1, AMT_CREDIT: 'a lot' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.changes.NOT_A_FIELD',
      'body.changes.AMT_CREDIT',
    ]);
    expect(bad.body.error.fields[0].message).toMatch(/unknown field "NOT_A_FIELD".*AMT_INCOME_TOTAL/);
    expect((await post({ clientId: 1, changes: {} })).status).toBe(404);
  });
  it('adds the field dictionary to the model card', async () => {
    const r = await get('/v1/model');
    expect(r.body.dictionary).toEqual(bundle.manifest.fieldInfo);
    expect(r.body.dictionary.AMT_CREDIT).toEqual({
      label: 'Credit amount',
      description: 'Credit amount of the loan',
    });
  });
  it('scores the whole base in the background once per model; readiness waits for it', async () => {
    const fresh = featureClientBase({ table, recipe, featureNames: () => model.featureNames, applications });
    const other = bundleScoringModel(bundle, { version: 'other' });
    expect(fresh.isWarm!(other)).toBe(false);
    const app = createApp({ store, model: () => other, clients: fresh });
    const ready = await request(app.app).get('/health/ready');
    expect([ready.status, ready.body.modelVersion]).toEqual([200, 'other']);
    expect(fresh.isWarm!(other)).toBe(true);
    const listed = fresh.listAll!(other);
    expect(fresh.listAll!(other)).toBe(listed); // cached, not recomputed
    expect(listed[3]!.probability).toBeCloseTo(bundle.predictProba(rowOf(3))[0]!, 6);
    await app.close();
  });
});

describe('fuzz on the new routes (real model)', () => {
  it('never answers 5xx', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [null, true, 0, -1, 1e308, 'x', '', [], {}, 'AMT_CREDIT', 'NaN', '1e999', ',', 'similar'];
    const pick = () => values[Math.floor(rnd() * values.length)];
    const id = () => (rnd() < 0.7 ? table.ids[Math.floor(rnd() * table.ids.length)] : pick());
    const q = () => encodeURIComponent(String(pick()));
    for (let i = 0; i < 120; i++) {
      const kind = i % 4;
      const r =
        kind === 0
          ? await get(`/v1/clients/${String(id())}/explanation`)
          : kind === 1
            ? await get(`/v1/clients/${String(id())}/compare?fields=${q()},${q()}&population=${q()}&k=${q()}`)
            : kind === 2
              ? await get(
                  `/v1/clients/${String(id())}/scatter?x=${q()}&y=AMT_CREDIT&population=${q()}&k=${q()}`,
                )
              : await request(served.app)
                  .post('/v1/what-if')
                  .set('x-api-key', KEY)
                  .send(
                    rnd() < 0.5
                      ? { clientId: id(), changes: { [String(pick())]: pick(), AMT_CREDIT: pick() } }
                      : {
                          application: { AMT_CREDIT: pick(), NAME_CONTRACT_TYPE: pick() },
                          changes: { AMT_ANNUITY: pick() },
                        },
                  );
      expect(r.status).toBeLessThan(500);
    }
  }, 60_000);
});
