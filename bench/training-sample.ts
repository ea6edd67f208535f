/**
 * Quality on the real sample: features from ../shared/data/home-credit-sample (all its tables), then
 * 5-fold CV of the MLP and the logistic baseline with training/configs/default.json (max epochs from
 * argv[2], default 10; folds from argv[3], default 5). Run: npx tsx bench/training-sample.ts [maxEpochs] [folds]
 * Prints figures; writes the bundle to artifacts/bench-training/model.
 */
import { buildFeatures, fieldsOfFeatures, loadColumnDictionary, loadKaggleDir } from '@credit/data';
import { saveBundle, trainFromFeatureTable } from '@credit/training';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const sample = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'home-credit-sample');
const maxEpochs = Number(process.argv[2] ?? 10);
const folds = Number(process.argv[3] ?? 5);
const t0 = Date.now();
const tables = await loadKaggleDir(sample);
const { application_test: _unlabelled, ...labelled } = tables;
// With the optional derived group, as `credit run` builds them (config features.derived, default true).
const { table, recipe } = buildFeatures(labelled, undefined, { extraGroups: ['derived', 'loan-terms'] });
console.log(
  `features: ${table.ids.length} rows x ${table.names.length} columns in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
const dictionary = await loadColumnDictionary(resolve(sample, 'HomeCredit_columns_description.csv'));
const fieldInfo = Object.fromEntries(
  dictionary.map((e) => [e.row, { label: e.row, description: e.description }]),
);
const config = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', 'training', 'configs', 'default.json'), 'utf8'),
);
config.mlp.epochs = maxEpochs;
config.baseline.epochs = maxEpochs;
config.folds = folds;
const t1 = Date.now();
const result = await trainFromFeatureTable(table, {
  config,
  fieldOf: fieldsOfFeatures(recipe),
  fieldInfo,
  recipeHash: recipe.hash,
  onFold: (f) => console.log(JSON.stringify(f)),
  onEpoch: (e) =>
    process.stderr.write(`${e.fold} ${e.model} ${e.epoch} ${e.loss.toFixed(4)} ${e.valAuc.toFixed(4)}\n`),
});
console.log(
  `training (CV + final): ${((Date.now() - t1) / 1000).toFixed(1)} s, backend ${result.model.manifest.tfjsBackend}`,
);
for (const [name, m] of Object.entries(result.metrics))
  console.log(
    `${name.padEnd(9)} AUC ${m.rocAuc.toFixed(4)}  PR AUC ${m.prAuc.toFixed(4)}  threshold ${m.threshold.toFixed(3)}  cost/client ${m.costPerClient.toFixed(4)}  business score ${m.businessScore.toFixed(4)}  recall ${m.recall.toFixed(3)}  precision ${m.precision.toFixed(3)}  brier ${m.brier.toFixed(4)}`,
  );
console.log('fold thresholds', result.folds.map((f) => f.threshold.toFixed(3)).join(' '));
console.log(
  'top fields',
  result.importance
    .slice(0, 8)
    .map((i) => `${i.field}:${i.aucDrop.toFixed(4)}`)
    .join(' '),
);
const out = resolve(import.meta.dirname, '..', 'artifacts', 'bench-training', 'model');
await saveBundle(out, result.model, { artifacts: result.artifacts });
const row = table.columns.map((c) => c[0]!);
const te = performance.now();
for (let i = 0; i < 20; i++) result.model.explain(row);
console.log(
  `explain: ${((performance.now() - te) / 20).toFixed(1)} ms per client; reasons:`,
  result.model.explain(row).reasons,
);
