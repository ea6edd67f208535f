/**
 * Drift inputs: a features.arrow file or a Kaggle-layout directory (features built with the model's
 * recipe, or a recipe fitted on the directory), optionally restricted to the model's features.
 * In a Kaggle directory, `role` picks the rows: reference = labelled rows (application_train),
 * current = unlabelled rows (application_test) when there are any, else all rows.
 */
import { existsSync, statSync } from 'node:fs';
import { MonitoringError } from '../errors.js';

export interface LoadedTable {
  names: string[];
  columns: Float64Array[];
  target: Float64Array;
  source: string;
}

export type Role = 'reference' | 'current';

export async function loadDriftTable(
  path: string,
  role: Role,
  options: { recipePath?: string; onStep?: (message: string) => void } = {},
): Promise<LoadedTable> {
  if (!existsSync(path))
    throw new MonitoringError(
      'E_DRIFT_INPUT',
      `--${role} ${path} does not exist: give a features.arrow file or a Kaggle folder`,
    );
  const data = await import('@credit/data');
  if (statSync(path).isFile()) {
    options.onStep?.(`reading ${path}`);
    const t = await data.readFeatureFile(path);
    return { names: t.names, columns: t.columns, target: t.target, source: path };
  }
  const key = `${path}\0${options.recipePath ?? ''}`;
  let built = builtDirs.get(key);
  if (!built) {
    built = buildDir(data, path, options);
    builtDirs.set(key, built);
  }
  return selectRows(await built, role);
}

/** Reference and current often are the same Kaggle folder (train vs test rows): build its features once. */
const builtDirs = new Map<string, Promise<LoadedTable>>();

async function buildDir(
  data: typeof import('@credit/data'),
  path: string,
  options: { recipePath?: string; onStep?: (message: string) => void },
): Promise<LoadedTable> {
  options.onStep?.(`loading Kaggle tables from ${path}`);
  const tables = await data.loadKaggleDir(path);
  if (!tables.application_train && !tables.application_test)
    throw new MonitoringError(
      'E_DRIFT_INPUT',
      `${path} has no application_train/application_test CSV: not a Kaggle folder`,
    );
  const recipe = options.recipePath ? await data.readRecipeFile(options.recipePath) : undefined;
  options.onStep?.(
    `building features${recipe ? ' with the model recipe' : ' (recipe fitted on this folder)'}`,
  );
  const { table } = data.buildFeatures(tables, recipe);
  return { names: table.names, columns: table.columns, target: table.target, source: path };
}

function selectRows(t: LoadedTable, role: Role): LoadedTable {
  const labelled: number[] = [];
  const unlabelled: number[] = [];
  t.target.forEach((v, i) => (Number.isNaN(v) ? unlabelled : labelled).push(i));
  const rows =
    role === 'reference'
      ? labelled.length
        ? labelled
        : unlabelled
      : unlabelled.length
        ? unlabelled
        : labelled;
  if (rows.length === t.target.length) return t;
  const pick = (c: Float64Array) => Float64Array.from(rows, (i) => c[i]!);
  return { ...t, columns: t.columns.map(pick), target: pick(t.target) };
}

/** Keep only `names` (the model's features), in that order; names absent from the table are an error. */
export function restrictTo(t: LoadedTable, names: string[]): LoadedTable {
  const index = new Map(t.names.map((n, i) => [n, i]));
  const absent = names.filter((n) => !index.has(n));
  if (absent.length)
    throw new MonitoringError(
      'E_DRIFT_FEATURES',
      `${t.source} lacks ${absent.length} model feature(s), e.g. ${absent.slice(0, 5).join(', ')}: build it with the model's recipe.json`,
    );
  return { ...t, names, columns: names.map((n) => t.columns[index.get(n)!]!) };
}
