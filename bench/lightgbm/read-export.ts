import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** meta.json of an export (export.ts): the rows' ids, labels and folds, and the feature names. */
export interface ExportMeta {
  names: string[];
  ids: number[];
  target: number[];
  fold: number[];
  folds: number;
  seed: number;
}

/**
 * An export's meta.json and its features.f32 (row-major float32) as float64 columns, the layout the trainer
 * takes (the exported float32 values are the same for every model).
 */
export function readExport(dir: string): { meta: ExportMeta; columns: Float64Array[] } {
  const meta = JSON.parse(readFileSync(resolve(dir, 'meta.json'), 'utf8')) as ExportMeta;
  const raw = readFileSync(resolve(dir, 'features.f32'));
  const x = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const width = meta.names.length;
  const rows = meta.target.length;
  const columns = meta.names.map((_, c) => Float64Array.from({ length: rows }, (_, r) => x[r * width + c]!));
  return { meta, columns };
}
