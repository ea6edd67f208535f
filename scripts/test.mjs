#!/usr/bin/env node
// The README's test command (`npm test`):
//   1. runs every scripts/setup/*.sh (idempotent: installs the MLflow venv, the browser... once, then cached),
//   2. runs every workspace's Jest through turbo (each writes artifacts/test-results/<workspace>.json),
//   3. prints one plain closing line "N passed, M failed, K skipped" summed over all workspaces.
// Exit code is non-zero when a test failed, a workspace wrote no results, or a setup step failed.
// Extra arguments are passed to turbo (e.g. `npm test -- --filter=@credit/data`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(repoRoot, 'artifacts', 'test-results');
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: repoRoot }).status ?? 1;

const setupDir = join(repoRoot, 'scripts', 'setup');
for (const script of readdirSync(setupDir)
  .filter((f) => f.endsWith('.sh'))
  .sort()) {
  if (run('bash', [join(setupDir, script)]) !== 0) {
    console.error(`setup step scripts/setup/${script} failed: see its output above`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

rmSync(resultsDir, { recursive: true, force: true });
const turboStatus = run(join(repoRoot, 'node_modules', '.bin', 'turbo'), [
  'run',
  'test',
  '--continue',
  '--concurrency=2',
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
const filtered = process.argv.slice(2).some((a) => a.startsWith('--filter'));
const workspaces = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).workspaces;
for (const ws of workspaces) {
  const file = join(resultsDir, `${ws}.json`);
  if (!existsSync(file)) {
    if (!filtered) {
      console.error(`${ws}: no test results were written (its Jest did not start or crashed)`);
      failed += 1;
    }
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || turboStatus !== 0 ? 1 : 0);
