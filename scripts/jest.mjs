#!/usr/bin/env node
// Runs Jest for the workspace in the current directory, in ESM mode, and writes its JSON results to
// <repo>/artifacts/test-results/<workspace>.json so that scripts/test.mjs can print one closing line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = basename(process.cwd());
const resultsDir = join(repoRoot, 'artifacts', 'test-results');
mkdirSync(resultsDir, { recursive: true });

const jestBin = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const name = JSON.parse(readFileSync('package.json', 'utf8')).name;
const result = spawnSync(
  process.execPath,
  [jestBin, '--json', `--outputFile=${join(resultsDir, `${workspace}.json`)}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
    },
  },
);
if (result.status !== 0) console.error(`${name}: jest exited with ${result.status ?? result.signal}`);
process.exit(result.status ?? 1);
