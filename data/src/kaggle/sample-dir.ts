import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data/home-credit-sample relative to the repository root, and whether it is there. */
export function sharedSampleDir(): { dir: string; present: boolean } {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const dir = resolve(repoRoot, '..', 'shared', 'data', 'home-credit-sample');
  return { dir, present: existsSync(dir) };
}
