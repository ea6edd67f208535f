/**
 * Cost of scoring the whole client base (GET /v1/clients) and of the analytics routes at full scale:
 *   npx tsx bench/serving-client-base.ts [FEATURES_DIR]   (features.arrow + recipe.json of `credit features`)
 * Model: the real sample's width through a 256-64 network with untrained weights (scoring cost does not
 * depend on the weights); preprocessing fitted on the first 20,000 rows.
 */
import { openStore, readFeatureFile, readRecipeFile } from '@credit/data';
import { createScoringModel, fitPreprocessor, selectBackend, silentLogger } from '@credit/training';
import { bundleScoringModel, createApp, featureClientBase, hashToken } from '@credit/serving';
import request from 'supertest';
import { manifestFor } from '../training/src/manifest.test-util.js';
import { buildNetwork } from '../training/src/network.js';

const dir = process.argv[2] ?? 'artifacts/features';
const backend = await selectBackend(silentLogger);
const table = await readFeatureFile(`${dir}/features.arrow`);
const recipe = await readRecipeFile(`${dir}/recipe.json`);
const names = table.names.filter((n) => n !== 'TARGET');
const columns = names.map((n) => table.columns[table.names.indexOf(n)]!);
const fitRows = Array.from({ length: Math.min(20_000, table.ids.length) }, (_, i) => i);
const pre = fitPreprocessor(names, columns, fitRows, 0.01);
const manifest = manifestFor(names, pre, {
  cost: { falseNegative: 10, falsePositive: 1 },
  metrics: {},
  createdAt: 'bench',
  trainingDataHash: 'bench',
});
const network = buildNetwork(pre.outputs.length, [256, 64], 1);
const newModel = (version: string) => bundleScoringModel(createScoringModel(manifest, network), { version });
console.log(
  `backend ${backend}: ${table.ids.length} clients x ${names.length} features (${pre.outputs.length} model inputs)`,
);

// 1. Synchronous scoring (what the first GET /v1/clients used to pay).
const cold = featureClientBase({ table, recipe, featureNames: () => names });
let t = performance.now();
cold.listAll!(newModel('cold'));
console.log(`synchronous listAll (old first call): ${((performance.now() - t) / 1000).toFixed(1)} s`);

// 2. Background scoring started by createApp; readiness and event-loop lag meanwhile.
const store = await openStore({ dataDir: 'memory://' });
await store.createApiKey('b', 'bench', 'advisor', hashToken('bench-key-0123456789'));
const clients = featureClientBase({ table, recipe, featureNames: () => names });
const model = newModel('warm');
t = performance.now();
let lag = 0;
let last = performance.now();
const probe = setInterval(() => {
  lag = Math.max(lag, performance.now() - last - 10);
  last = performance.now();
}, 10);
const served = createApp({ store, model: () => model, clients });
const during = await request(served.app).get('/health/ready');
await clients.warm!(model);
clearInterval(probe);
console.log(
  `background scoring: ${((performance.now() - t) / 1000).toFixed(1)} s; /health/ready meanwhile ${during.status}; max event-loop lag ${lag.toFixed(0)} ms`,
);
const time = async (label: string, url: string) => {
  const s = performance.now();
  const r = await request(served.app).get(url).set('x-api-key', 'bench-key-0123456789');
  console.log(`${label}: ${(performance.now() - s).toFixed(0)} ms (status ${r.status})`);
};
const id = table.ids[123]!;
{
  const { listClients, listQuery } = await import('../serving/src/clients/list.js');
  const s = performance.now();
  listClients(clients.listAll!(model), listQuery.parse({ sort: 'probability', order: 'desc' }));
  console.log(`listClients alone (filter + sort + page): ${(performance.now() - s).toFixed(0)} ms`);
}
await time('/health/ready after', '/health/ready');
await time('GET /v1/clients?sort=probability (first call)', '/v1/clients?sort=probability&order=desc');
await time('GET /v1/clients?sort=probability (second call)', '/v1/clients?sort=probability&order=desc');
await time('compare all, 2 fields', `/v1/clients/${id}/compare?fields=AMT_CREDIT,AMT_INCOME_TOTAL`);
await time(
  'compare similar k=500 (builds the space)',
  `/v1/clients/${id}/compare?fields=AMT_CREDIT&population=similar`,
);
await time(
  'compare similar k=500 (space cached)',
  `/v1/clients/${id}/compare?fields=AMT_CREDIT&population=similar`,
);
await time('scatter all', `/v1/clients/${id}/scatter?x=AMT_CREDIT&y=AMT_INCOME_TOTAL`);
await time('explanation (first, builds the attributor)', `/v1/clients/${id}/explanation`);
await time('explanation', `/v1/clients/${table.ids[7]!}/explanation`);
const mem = process.memoryUsage();
console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
await served.close();
await store.close();
