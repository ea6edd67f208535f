import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildFeatures,
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
import { bundleScoringModel } from './bundle-model.js';
import { featureClientBase } from './feature-clients.js';

const KEY = 'advisor-key-0123456789';
let dir: string;
let store: DecisionStore;
let served: ServingApp;
let bundle: Bundle;
let table: FeatureTable;
let recipe: FeatureRecipe;
let importance: FieldImportance[];
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
    config: {
      folds: 2,
      importanceRows: 20,
      mlp: { hiddenLayers: [4], epochs: 2, patience: 1, batchSize: 64 },
      baseline: { epochs: 1 },
    },
  });
  bundle = trained.model;
  const model = bundleScoringModel(bundle, { version: 'tiny', importance: trained.importance });
  importance = trained.importance;
  store = await openStore({ dataDir: 'memory://' });
  await store.createApiKey('k1', 'tests', 'advisor', hashToken(KEY));
  served = createApp({
    store,
    model: () => model,
    clients: featureClientBase({ table, recipe, featureNames: () => model.featureNames, applications }),
  });
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
