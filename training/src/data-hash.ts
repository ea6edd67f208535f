import { createHash } from 'node:crypto';
import type { FeatureTable } from './types.js';

/** sha256 over names, ids, target and every column's bytes: identifies the exact training data. */
export function featureTableHash(table: FeatureTable): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(table.names));
  for (const array of [table.ids, table.target, ...table.columns])
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return hash.digest('hex');
}
