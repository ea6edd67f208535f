/**
 * The "derived" group: hand-made combinations of columns the recipe already produces (external scores
 * combined, loan vs goods price, document ages relative to age, debts vs income, this loan vs previous
 * ones). They raise the neural network's AUC on the real sample by about +0.003 (LightGBM does not
 * gain), so they are an optional group, on in `credit run`, off in the plain recipe.
 * Division is IEEE like the recipe's own ratios (x/0 = ±Infinity kept, 0/0 = NaN); an input the
 * recipe lacks makes the features that read it missing for every row.
 */
import { divide } from './arithmetic.js';
import type { ComputedColumns, ExtraFeatureGroup } from './group.js';
import { columnsByName } from './group.js';

type ColumnOf = (name: string) => Float64Array;

interface DerivedFeature {
  name: string;
  /** The formula in the recipe's column names (docs and label descriptions). */
  formula: string;
  compute(column: ColumnOf, input: ComputedColumns): Float64Array;
}

const EXT_SOURCES = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'] as const;
const DOCUMENT_FLAG = /^FLAG_DOCUMENT_\d+$/;
const DAYS_PER_YEAR = 365.25;

/** Per row, a statistic of the external scores present on that row (NaN = not present). */
function overPresentScores(stat: (present: number[]) => number): DerivedFeature['compute'] {
  return (column, { nrows }) => {
    const scores = EXT_SOURCES.map(column);
    const out = new Float64Array(nrows);
    const present: number[] = [];
    for (let r = 0; r < nrows; r++) {
      present.length = 0;
      for (const s of scores) if (!Number.isNaN(s[r]!)) present.push(s[r]!);
      out[r] = stat(present);
    }
    return out;
  };
}

function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return xs.length > 0 ? sum / xs.length : NaN;
}

/** Sample standard deviation (n - 1); fewer than 2 values -> NaN. */
function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  return Math.sqrt(squares / (xs.length - 1));
}

/** Row-wise arithmetic over named columns (NaN propagates, so any missing input gives NaN). */
function rowWise(names: readonly string[], f: (...v: number[]) => number): DerivedFeature['compute'] {
  return (column, { nrows }) => {
    const cols = names.map(column);
    const out = new Float64Array(nrows);
    const v = new Array<number>(cols.length);
    for (let r = 0; r < nrows; r++) {
      for (let k = 0; k < cols.length; k++) v[k] = cols[k]![r]!;
      out[r] = f(...v);
    }
    return out;
  };
}

function ratio(name: string, numerator: string, denominator: string): DerivedFeature {
  return {
    name,
    formula: `${numerator} / ${denominator}`,
    compute: (column) => divide(column(numerator), column(denominator)),
  };
}

export const DERIVED_FEATURES: readonly DerivedFeature[] = [
  {
    name: 'EXT_SOURCES_MEAN',
    formula: 'mean of the present EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3',
    compute: overPresentScores(mean),
  },
  {
    name: 'EXT_SOURCES_MIN',
    formula: 'min of the present EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3',
    compute: overPresentScores((p) => (p.length > 0 ? Math.min(...p) : NaN)),
  },
  {
    name: 'EXT_SOURCES_MAX',
    formula: 'max of the present EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3',
    compute: overPresentScores((p) => (p.length > 0 ? Math.max(...p) : NaN)),
  },
  {
    name: 'EXT_SOURCES_STD',
    formula: 'sample standard deviation (n-1) of the present EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3',
    compute: overPresentScores(sampleStd),
  },
  {
    name: 'EXT_SOURCES_PROD',
    formula: 'EXT_SOURCE_1 * EXT_SOURCE_2 * EXT_SOURCE_3',
    compute: rowWise(EXT_SOURCES, (a, b, c) => a! * b! * c!),
  },
  {
    name: 'EXT_SOURCES_WEIGHTED',
    formula: '(2 * EXT_SOURCE_1 + EXT_SOURCE_2 + 3 * EXT_SOURCE_3) / 6',
    compute: rowWise(EXT_SOURCES, (a, b, c) => (2 * a! + b! + 3 * c!) / 6),
  },
  ratio('CREDIT_TO_GOODS', 'AMT_CREDIT', 'AMT_GOODS_PRICE'),
  ratio('ID_PUBLISH_TO_BIRTH', 'DAYS_ID_PUBLISH', 'DAYS_BIRTH'),
  ratio('PHONE_CHANGE_TO_BIRTH', 'DAYS_LAST_PHONE_CHANGE', 'DAYS_BIRTH'),
  ratio('REGISTRATION_TO_BIRTH', 'DAYS_REGISTRATION', 'DAYS_BIRTH'),
  {
    name: 'CAR_AGE_TO_AGE',
    formula: `OWN_CAR_AGE / (-DAYS_BIRTH / ${DAYS_PER_YEAR})`,
    compute: rowWise(['OWN_CAR_AGE', 'DAYS_BIRTH'], (car, birth) => car! / (-birth! / DAYS_PER_YEAR)),
  },
  {
    name: 'DOCUMENT_COUNT',
    formula: 'sum of every FLAG_DOCUMENT_* column (a missing flag counts 0)',
    compute: (column, { nrows, names }) => {
      const flags = names.filter((n) => DOCUMENT_FLAG.test(n)).map(column);
      // No flag column in the recipe: unknown, not "no document".
      const out = new Float64Array(nrows).fill(flags.length > 0 ? 0 : NaN);
      for (const flag of flags)
        for (let r = 0; r < nrows; r++) if (!Number.isNaN(flag[r]!)) out[r] = out[r]! + flag[r]!;
      return out;
    },
  },
  ratio('BURO_DEBT_TO_INCOME', 'BURO_AMT_CREDIT_SUM_DEBT_SUM', 'AMT_INCOME_TOTAL'),
  ratio('ACTIVE_DEBT_TO_CREDIT', 'ACTIVE_AMT_CREDIT_SUM_DEBT_SUM', 'ACTIVE_AMT_CREDIT_SUM_SUM'),
  ratio('ANNUITY_TO_PREV_ANNUITY', 'AMT_ANNUITY', 'PREV_AMT_ANNUITY_MEAN'),
  ratio('CREDIT_TO_PREV_CREDIT', 'AMT_CREDIT', 'PREV_AMT_CREDIT_MEAN'),
];

export const derivedGroup: ExtraFeatureGroup = {
  name: 'derived',
  declare: () => DERIVED_FEATURES.map((f) => f.name),
  compute: (input, warn) => computeDerived(input, warn),
};

/** The group's columns; reads the recipe's columns only (nothing fitted). */
function computeDerived(input: ComputedColumns, warn: (message: string) => void): Float64Array[] {
  const absent = new Set<string>();
  const missing = new Float64Array(input.nrows).fill(NaN);
  const column: ColumnOf = (name) => {
    const col = input.column(name);
    if (col) return col;
    absent.add(name);
    return missing;
  };
  const out = DERIVED_FEATURES.map((f) => f.compute(column, input));
  if (absent.size > 0)
    warn(
      `derived: column(s) ${[...absent].join(', ')} absent from the recipe; the derived features reading them are missing values.`,
    );
  return out;
}

/**
 * The derived columns of a feature table built without the group (benches comparing inputs): the same
 * code as the group, reading the table's columns by name.
 */
export function derivedColumns(
  names: readonly string[],
  columns: readonly Float64Array[],
  warn: (message: string) => void = () => {},
): { names: string[]; columns: Float64Array[] } {
  const input = columnsByName(names, columns, columns[0]?.length ?? 0);
  return { names: DERIVED_FEATURES.map((f) => f.name), columns: computeDerived(input, warn) };
}
