/**
 * Plain labels for every feature the recipe produces, so explanations never show a raw column name:
 *   EXT_SOURCE_2                      -> External score 2
 *   NAME_EDUCATION_TYPE_Higher education -> Education: "Higher education"
 *   BURO_DAYS_CREDIT_MEAN             -> Other institutions' credits: average age of credit (years)
 *   INSTAL_DPD_MAX                    -> Instalments of previous loans: largest payment delay (days)
 * Aggregated names are parsed with the recipe's own parts (table prefix, column or one-hot category,
 * aggregation), so a category fitted from new data gets a label too.
 */
import { kaggleSchemas, type TableName } from '../../kaggle/schema.js';
import type { AggOp } from '../kernel/aggregate.js';
import { RATIOS } from '../groups/application.js';
import type { FeatureRecipe, RecipeTable } from '../recipe.js';
import { fieldOfFeature } from '../field-of.js';
import {
  APPLICATION_LABELS,
  BUILDING_MEASURES,
  BUILDING_STATISTICS,
  BUREAU_LABELS,
  BUREAU_STATUS,
  CREDIT_BUREAU_PERIODS,
  CREDIT_CARD_LABELS,
  INSTALMENT_LABELS,
  POS_LABELS,
  PREVIOUS_LABELS,
  type ColumnLabel,
} from './columns.js';
import { derivedLabel } from './derived.js';
import type { FieldUnit } from './unit.js';

export type { FieldUnit } from './unit.js';

export interface FeatureLabel {
  label: string;
  description: string;
  unit?: FieldUnit;
  /**
   * A factorized column (recipe.factorize: CODE_GENDER, FLAG_OWN_CAR, FLAG_OWN_REALTY): the category of
   * each code, code i = categories[i]. Without it a 0/1 code reads as "no"/"yes", which is wrong for
   * FLAG_OWN_REALTY (code 0 is "Y") and meaningless for CODE_GENDER.
   */
  categories?: string[];
}

interface Source {
  prefix: string;
  table: RecipeTable;
  /** Who the aggregated rows are, for the label ("Other institutions' credits"). */
  name: string;
  /** What one row is, for shares ("credits" -> "share of credits with type ..."). */
  rows: string;
  columns: Record<string, ColumnLabel>;
}

const SOURCES: Source[] = [
  {
    prefix: 'BURO_',
    table: 'bureau',
    name: "Other institutions' credits",
    rows: 'credits',
    columns: BUREAU_LABELS,
  },
  {
    prefix: 'ACTIVE_',
    table: 'bureau',
    name: "Other institutions' active credits",
    rows: 'credits',
    columns: BUREAU_LABELS,
  },
  {
    prefix: 'CLOSED_',
    table: 'bureau',
    name: "Other institutions' closed credits",
    rows: 'credits',
    columns: BUREAU_LABELS,
  },
  {
    prefix: 'PREV_',
    table: 'previous_application',
    name: 'Previous applications',
    rows: 'applications',
    columns: PREVIOUS_LABELS,
  },
  {
    prefix: 'APPROVED_',
    table: 'previous_application',
    name: 'Approved previous applications',
    rows: 'applications',
    columns: PREVIOUS_LABELS,
  },
  {
    prefix: 'REFUSED_',
    table: 'previous_application',
    name: 'Refused previous applications',
    rows: 'applications',
    columns: PREVIOUS_LABELS,
  },
  {
    prefix: 'INSTAL_',
    table: 'installments_payments',
    name: 'Instalments of previous loans',
    rows: 'instalments',
    columns: INSTALMENT_LABELS,
  },
  {
    prefix: 'POS_',
    table: 'POS_CASH_balance',
    name: 'Previous shop and cash loans',
    rows: 'months',
    columns: POS_LABELS,
  },
  {
    prefix: 'CC_',
    table: 'credit_card_balance',
    name: 'Previous credit cards',
    rows: 'months',
    columns: CREDIT_CARD_LABELS,
  },
];

const COUNTS: Record<string, string> = {
  INSTAL_COUNT: 'Instalments of previous loans: number of instalments',
  POS_COUNT: 'Previous shop and cash loans: number of monthly records',
  CC_COUNT: 'Previous credit cards: number of monthly records',
};

const OPS: readonly AggOp[] = ['min', 'max', 'mean', 'sum', 'var', 'size', 'nunique'];
const REVERSED: ReadonlySet<FieldUnit> = new Set(['days-ago', 'months-ago', 'age']);

/** Kaggle's description of a column, for the long text. */
function kaggleDescription(tables: readonly TableName[], column: string): string {
  for (const t of tables) {
    const c = kaggleSchemas[t].columns.find((col) => col.name === column);
    if (c?.description) return c.description;
  }
  return '';
}

function withoutUnit(phrase: string): string {
  return phrase.replace(/\s*\((years|days|months)\)$/, '');
}

/** The label of an application feature (column, one-hot, ratio), or undefined if unknown. */
function applicationLabel(recipe: FeatureRecipe, feature: string): FeatureLabel | undefined {
  const description = kaggleDescription(['application_train'], feature);
  const known = APPLICATION_LABELS[feature];
  if (known) {
    const ratio = RATIOS.find(([name]) => name === feature);
    return {
      label: known[0],
      description: ratio ? `${ratio[1]} / ${ratio[2]}` : description,
      ...(known[1] ? { unit: known[1] } : {}),
    };
  }
  const building = /^([A-Z_]+)_(AVG|MODE|MEDI)$/.exec(feature);
  if (building && BUILDING_MEASURES[building[1]!])
    return {
      label: `Building: ${BUILDING_STATISTICS[building[2]!]} ${BUILDING_MEASURES[building[1]!]} (normalised)`,
      description,
    };
  const document = /^FLAG_DOCUMENT_(\d+)$/.exec(feature);
  if (document) return { label: `Provided document ${document[1]}`, description };
  const enquiries = /^AMT_REQ_CREDIT_BUREAU_([A-Z]+)$/.exec(feature);
  if (enquiries && CREDIT_BUREAU_PERIODS[enquiries[1]!])
    return {
      label: `Credit bureau enquiries in the last ${CREDIT_BUREAU_PERIODS[enquiries[1]!]}`,
      description,
    };
  const field = fieldOfFeature(recipe, feature);
  if (field !== feature) {
    const column = applicationLabel(recipe, field);
    if (!column) return undefined;
    const value = feature.slice(field.length + 1);
    return {
      label: value === 'nan' ? `${column.label}: not given` : `${column.label}: "${value}"`,
      description: column.description,
    };
  }
  return undefined;
}

/** Splits "<column>_<OP>" into its column and aggregation. */
function splitOp(name: string): [string, AggOp] | undefined {
  for (const op of OPS) {
    const suffix = `_${op.toUpperCase()}`;
    if (name.endsWith(suffix)) return [name.slice(0, -suffix.length), op];
  }
  return undefined;
}

/** The column (or one-hot category) behind an aggregated base name, in plain words. */
function baseLabel(
  recipe: FeatureRecipe,
  source: Source,
  base: string,
): { phrase: string; unit?: FieldUnit; share?: boolean; column: string } | undefined {
  // share: a one-hot category, `phrase` is then a noun phrase ("credits with type "Mortgage"").
  const known = source.columns[base];
  if (known) return { phrase: known[0], unit: known[1], column: base };
  // bureau_balance statuses joined onto bureau: STATUS_<v>_MEAN (share of the credit's months).
  const status = /^STATUS_(.+)_MEAN$/.exec(base);
  if (source.table === 'bureau' && status) {
    const v = status[1]!;
    const words = v === 'nan' ? 'with no status' : (BUREAU_STATUS[v] ?? `with status "${v}"`);
    return { phrase: `share of months ${words}`, unit: 'share', column: 'STATUS' };
  }
  const categories = recipe.tables[source.table].categories;
  const column = Object.keys(categories)
    .filter((c) => base.startsWith(`${c}_`))
    .sort((a, b) => b.length - a.length)[0];
  if (!column) return undefined;
  const value = base.slice(column.length + 1);
  const what = withoutUnit(source.columns[column]?.[0] ?? column.toLowerCase().replace(/_/g, ' '));
  const phrase =
    value === 'nan' ? `${source.rows} with no ${what} given` : `${source.rows} with ${what} "${value}"`;
  return { phrase, share: true, column };
}

const TABLE_OF: Record<RecipeTable, readonly TableName[]> = {
  application: ['application_train'],
  bureau: ['bureau', 'bureau_balance'],
  bureau_balance: ['bureau_balance'],
  previous_application: ['previous_application'],
  POS_CASH_balance: ['POS_CASH_balance'],
  installments_payments: ['installments_payments'],
  credit_card_balance: ['credit_card_balance'],
};

/** The label of an aggregated history feature (BURO_, PREV_, INSTAL_, ...), or undefined if unknown. */
function historyLabel(recipe: FeatureRecipe, feature: string): FeatureLabel | undefined {
  if (COUNTS[feature])
    return { label: COUNTS[feature], description: 'Rows of the history table for the client' };
  const source = SOURCES.find((s) => feature.startsWith(s.prefix));
  if (!source) return undefined;
  const split = splitOp(feature.slice(source.prefix.length));
  if (!split) return undefined;
  const [base, op] = split;
  const parsed = baseLabel(recipe, source, base);
  if (!parsed) return undefined;
  const { phrase, unit, share } = parsed;
  const reversed = unit !== undefined && REVERSED.has(unit);
  // A one-hot category: the mean is a share of the rows, the sum a count, min/max say all/any.
  let text: string;
  let shown = unit;
  switch (op) {
    case 'min':
      text = share ? `all ${phrase}` : `${reversed ? 'largest' : 'smallest'} ${phrase}`;
      break;
    case 'max':
      text = share ? `at least one of the ${phrase}` : `${reversed ? 'smallest' : 'largest'} ${phrase}`;
      break;
    case 'mean':
      text = share ? `share of ${phrase}` : `average ${phrase}`;
      if (share) shown = 'share';
      break;
    case 'sum':
      text = share ? `number of ${phrase}` : `total ${phrase}`;
      if (unit === 'share') shown = undefined;
      break;
    case 'var':
      text = `variability of ${phrase}`;
      shown = undefined;
      break;
    case 'size':
      text = 'number of monthly records';
      shown = undefined;
      break;
    case 'nunique':
      text = `number of distinct ${phrase}`;
      shown = undefined;
      break;
  }
  const description = [
    `${op === 'var' ? 'variance' : op} over the client's ${source.name.toLowerCase()}`,
    kaggleDescription(TABLE_OF[source.table], parsed.column),
  ]
    .filter((s) => s.length > 0)
    .join(': ');
  return {
    label: `${source.name}: ${shown === unit ? text : withoutUnit(text)}`,
    description,
    ...(shown ? { unit: shown } : {}),
  };
}

/** The plain label of one feature of `recipe`, or undefined when it is not one the recipe knows. */
export function featureLabel(recipe: FeatureRecipe, feature: string): FeatureLabel | undefined {
  // Derived first: BURO_DEBT_TO_INCOME is not a BURO_ aggregate.
  return derivedLabel(feature) ?? applicationLabel(recipe, feature) ?? historyLabel(recipe, feature);
}

/**
 * fieldInfo for training: every feature of the recipe and every business field they fold into
 * (fieldsOfFeatures), with a plain label. `dictionary` (Kaggle's column descriptions, as the pipeline
 * reads them) fills descriptions, and labels of anything this module does not know.
 */
export function featureLabels(
  recipe: FeatureRecipe,
  dictionary: Record<string, { label: string; description: string }> = {},
): Record<string, FeatureLabel> {
  const out: Record<string, FeatureLabel> = { ...dictionary };
  for (const feature of recipe.features)
    for (const name of new Set([feature, fieldOfFeature(recipe, feature)])) {
      const known = featureLabel(recipe, name);
      if (!known) continue;
      const description = known.description || dictionary[name]?.description || '';
      const categories = recipe.factorize[name];
      out[name] = { ...known, description, ...(categories ? { categories: [...categories] } : {}) };
    }
  return out;
}
