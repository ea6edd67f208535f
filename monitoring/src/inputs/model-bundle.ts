/**
 * What drift needs from a model bundle, read as plain JSON (monitoring does not import @credit/training):
 * feature names, per-feature importance (field importance spread over the field's features), the recipe path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MonitoringError } from '../errors.js';

export interface BundleInfo {
  featureNames: string[];
  importance?: Record<string, number>;
  recipePath?: string;
  /** reference-sample.arrow (or reference.arrow) inside the bundle, when the trainer stored one. */
  referencePath?: string;
}

interface ManifestLike {
  featureNames?: unknown;
  fieldOf?: Record<string, string>;
}
interface FieldImportanceLike {
  field: string;
  aucDrop?: number;
  meanAbsAttribution?: number;
}

export function readBundleInfo(dir: string): BundleInfo {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: ManifestLike;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestLike;
  } catch (cause) {
    throw new MonitoringError(
      'E_MODEL_BUNDLE',
      `cannot read ${manifestPath}: --model must be a model bundle folder`,
      { cause },
    );
  }
  if (!Array.isArray(manifest.featureNames))
    throw new MonitoringError(
      'E_MODEL_BUNDLE',
      `${manifestPath} has no featureNames list: re-export the bundle`,
    );
  const featureNames = manifest.featureNames as string[];
  const info: BundleInfo = { featureNames };
  const importancePath = join(dir, 'reports', 'importance.json');
  if (existsSync(importancePath)) {
    const fields = JSON.parse(readFileSync(importancePath, 'utf8')) as FieldImportanceLike[];
    info.importance = spreadFieldImportance(fields, featureNames, manifest.fieldOf ?? {});
  }
  const recipe = join(dir, 'recipe.json');
  if (existsSync(recipe)) info.recipePath = recipe;
  for (const name of ['reference-sample.arrow', 'reference.arrow'])
    if (existsSync(join(dir, name))) info.referencePath = join(dir, name);
  return info;
}

/** A field's importance (AUC drop, floored at 0) is shared equally by the features it owns. */
export function spreadFieldImportance(
  fields: FieldImportanceLike[],
  featureNames: string[],
  fieldOf: Record<string, string>,
): Record<string, number> {
  const byField = new Map(fields.map((f) => [f.field, Math.max(0, f.aucDrop ?? f.meanAbsAttribution ?? 0)]));
  const owners = new Map<string, number>();
  for (const n of featureNames) owners.set(fieldOf[n] ?? n, (owners.get(fieldOf[n] ?? n) ?? 0) + 1);
  const out: Record<string, number> = {};
  for (const n of featureNames) {
    const field = fieldOf[n] ?? n;
    out[n] = (byField.get(field) ?? 0) / (owners.get(field) ?? 1);
  }
  return out;
}
