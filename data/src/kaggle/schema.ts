import { schemaData } from './schema-data.js';

/** The eight Kaggle Home Credit tables, named like their files. */
export type TableName =
  | 'application_train'
  | 'application_test'
  | 'bureau'
  | 'bureau_balance'
  | 'previous_application'
  | 'POS_CASH_balance'
  | 'installments_payments'
  | 'credit_card_balance';

/**
 * How a column is parsed and checked. Every type but `categorical` loads as Float64Array (NaN = empty).
 * `days`: a DAYS_* column; it may hold 365243, Kaggle's "not applicable" code, kept as is.
 */
export type ColumnType = 'id' | 'integer' | 'float' | 'flag' | 'categorical' | 'days';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** Whether the real sample has empty cells in this column. */
  nullable: boolean;
  /** From HomeCredit_columns_description.csv ('' when Kaggle gives none). */
  description: string;
}

export interface TableSchema {
  table: TableName;
  /** Kaggle's file name, e.g. 'bureau.csv' (the loaders also accept the same name + '.gz'). */
  file: string;
  primaryKey?: string;
  foreignKeys?: { column: string; table: TableName }[];
  /** In Kaggle's file order. */
  columns: ColumnSchema[];
}

export const TABLE_NAMES: readonly TableName[] = [
  'application_train',
  'application_test',
  'bureau',
  'bureau_balance',
  'previous_application',
  'POS_CASH_balance',
  'installments_payments',
  'credit_card_balance',
];

/** Keys: the ids each table is unique on, and what its ids point to. */
const KEYS: Record<TableName, Pick<TableSchema, 'primaryKey' | 'foreignKeys'>> = {
  application_train: { primaryKey: 'SK_ID_CURR' },
  application_test: { primaryKey: 'SK_ID_CURR' },
  // SK_ID_CURR of the history tables points at either application table (checked against their union).
  bureau: { primaryKey: 'SK_ID_BUREAU', foreignKeys: [{ column: 'SK_ID_CURR', table: 'application_train' }] },
  bureau_balance: { foreignKeys: [{ column: 'SK_ID_BUREAU', table: 'bureau' }] },
  previous_application: {
    primaryKey: 'SK_ID_PREV',
    foreignKeys: [{ column: 'SK_ID_CURR', table: 'application_train' }],
  },
  POS_CASH_balance: {
    foreignKeys: [
      { column: 'SK_ID_PREV', table: 'previous_application' },
      { column: 'SK_ID_CURR', table: 'application_train' },
    ],
  },
  installments_payments: {
    foreignKeys: [
      { column: 'SK_ID_PREV', table: 'previous_application' },
      { column: 'SK_ID_CURR', table: 'application_train' },
    ],
  },
  credit_card_balance: {
    foreignKeys: [
      { column: 'SK_ID_PREV', table: 'previous_application' },
      { column: 'SK_ID_CURR', table: 'application_train' },
    ],
  },
};

function buildSchema(table: TableName): TableSchema {
  const data = schemaData[table];
  return {
    table,
    file: data.file,
    ...KEYS[table],
    columns: data.columns.map(([name, type, nullable, description]) => ({
      name,
      type: type as ColumnType,
      nullable,
      description,
    })),
  };
}

/** Every Kaggle table's schema, derived from the real sample by data/scripts/generate-kaggle-schema.ts. */
export const kaggleSchemas: Record<TableName, TableSchema> = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, buildSchema(t)]),
) as Record<TableName, TableSchema>;

/** The application tables; a foreign key to 'application_train' accepts ids of either. */
export const APPLICATION_TABLES: readonly TableName[] = ['application_train', 'application_test'];

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}
