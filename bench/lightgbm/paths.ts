import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';

/** Where the bench keeps the exported real rows and the OOF predictions: outside the repository. */
export function benchDir(arg?: string): string {
  const dir = resolve(arg ?? resolve(homedir(), '.cache', 'credit-scoring', 'lightgbm-bench'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes to a temporary sibling, then renames (a reader never sees half a file). */
export async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}
