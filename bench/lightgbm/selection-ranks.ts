/**
 * Where the input selection ranks chosen features under each `selectionScore`, on one fold's training rows
 * of an export (export.ts): every feature's value ranked by |AUC − 0.5| ("auc") and by the larger of that
 * and `stepFunctionScore` ("steps"), as selectInputs scores them (before its redundancy filter), and
 * whether the default config's selection keeps it. docs/training.md, "Eighth round".
 *
 *   npx tsx bench/lightgbm/selection-ranks.ts DIR [FOLD=0] [FEATURE,FEATURE,...]
 */
import { defaultTrainingConfig } from '@credit/training';
import { rocAuc } from '../../training/src/metrics.js';
import { fitPreprocessor, selectInputs } from '../../training/src/preprocess.js';
import { stepFunctionScore } from '../../training/src/selection-score.js';
import { benchDir } from './paths.js';
import { readExport } from './read-export.js';

const args = process.argv.slice(2);
const dir = benchDir(args[0]);
const fold = Number(args[1] ?? 0);
const wanted = (args[2] ?? 'AMT_ANNUITY,LOAN_TERM_ESTIMATE,AMT_CREDIT,PAYMENT_RATE,AMT_GOODS_PRICE').split(
  ',',
);

const { meta, columns } = readExport(dir);
const rows = Array.from({ length: meta.target.length }, (_, r) => r).filter((r) => meta.fold[r] !== fold);
const y = Float64Array.from(rows, (r) => meta.target[r]!);

const c = defaultTrainingConfig;
const pre = fitPreprocessor(meta.names, columns, rows, c.missingIndicatorMinRate, c.piecewiseBins);
const kept = selectInputs(pre, columns, rows, y, c.maxInputs, c.selectionMaxCorrelation);
const keptValues = new Set(kept.features.filter((f) => f.value !== false).map((f) => f.name));

const scores = pre.features
  .filter((spec) => spec.value !== false)
  .map((spec) => {
    const column = columns[spec.index]!;
    const filled = Float64Array.from(rows, (r) => (Number.isFinite(column[r]!) ? column[r]! : spec.median));
    const auc = Math.abs(rocAuc(y, filled) - 0.5);
    const steps = Math.max(auc, stepFunctionScore(spec, column, rows, y, c.piecewiseBins));
    return { name: spec.name, auc, steps };
  });
const rankBy = (key: 'auc' | 'steps') =>
  new Map([...scores].sort((a, b) => b[key] - a[key]).map((s, i) => [s.name, i + 1]));
const aucRank = rankBy('auc');
const stepsRank = rankBy('steps');
console.log(`fold ${fold}'s training rows: ${rows.length}; ${scores.length} value inputs ranked`);
for (const name of wanted) {
  const s = scores.find((v) => v.name === name);
  if (!s) {
    console.log(`${name}: not a value input of this export`);
    continue;
  }
  console.log(
    `${name}: "auc" rank ${aucRank.get(name)} (${s.auc.toFixed(4)}), "steps" rank ${stepsRank.get(name)} (${s.steps.toFixed(4)}); kept by the default selection: ${keptValues.has(name) ? 'yes' : 'no'}`,
  );
}
