/**
 * Online == batch for EVERY client of the real sample (the unit test does 10,000 of them).
 *
 *   node --import tsx bench/features-parity.ts [../shared/data/home-credit-sample]
 */
import { resolve } from 'node:path';
import { buildFeatures, loadKaggleDir, onlineFeatures } from '@credit/data';
import { clientInputs, differences, rowIndex } from '../data/src/features/testing/histories.js';

const dir =
  process.argv[2] ?? resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'home-credit-sample');
const tables = await loadKaggleDir(dir);
const { table, recipe } = buildFeatures(tables);
const rows = rowIndex(table);
const started = performance.now();
let compared = 0;
let failed = 0;
for (const [id, { application, history }] of clientInputs(tables)) {
  const row = rows.get(id);
  if (row === undefined) continue; // XNA application
  const diff = differences(table, row, onlineFeatures(application, history, recipe));
  compared++;
  if (diff.length > 0 && failed++ < 5) console.log(`client ${id}: ${diff.slice(0, 3).join('; ')}`);
}
const ms = (performance.now() - started) / compared;
console.log(`${compared} clients compared, ${failed} differ; ${ms.toFixed(2)} ms per online vector`);
process.exitCode = failed > 0 ? 1 : 0;
