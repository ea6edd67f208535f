import { basename } from 'node:path';
import { DataError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { findKaggleFile, readKaggleFile } from './read-file.js';
import {
  APPLICATION_TABLES,
  kaggleSchemas,
  TABLE_NAMES,
  type TableName,
  type TableSchema,
} from './schema.js';

export type Severity = 'error' | 'warning';
export type IssueKind =
  | 'file'
  | 'malformed-row'
  | 'unparseable'
  | 'missing-id'
  | 'duplicate-key'
  | 'orphan-key'
  | 'flag-range'
  | 'negative-amount'
  | 'positive-days';

/** One kind of problem in one column of one file: how many, and the first few lines. */
export interface ValidationIssue {
  severity: Severity;
  kind: IssueKind;
  table: TableName;
  file: string;
  column?: string;
  count: number;
  examples: { line: number; value?: string }[];
  message: string;
}

export interface ValidationReport {
  dir: string;
  tables: { table: TableName; file: string | null; rows: number; bytes: number }[];
  issues: ValidationIssue[];
  errors: number;
  warnings: number;
}

export interface ValidateOptions {
  tables?: TableName[];
  /** Example lines kept per issue (the rest are only counted). Default 5. */
  maxExamples?: number;
  logger?: Logger;
  onProgress?: (e: { table: TableName; bytes: number; rows: number }) => void;
}

const KAGGLE_CODE = 365243;
/** DAYS_* columns that legitimately hold future dates (planned end, next due), so > 0 is normal. */
const FUTURE_DAYS = new Set([
  'DAYS_CREDIT_ENDDATE',
  'DAYS_ENDDATE_FACT',
  'DAYS_CREDIT_UPDATE',
  'DAYS_FIRST_DRAWING',
  'DAYS_FIRST_DUE',
  'DAYS_LAST_DUE_1ST_VERSION',
  'DAYS_LAST_DUE',
  'DAYS_TERMINATION',
]);

const MESSAGES: Record<IssueKind, [Severity, string]> = {
  file: ['error', 'the file cannot be read as a Kaggle table'],
  'malformed-row': ['error', 'rows with the wrong number of fields or bad quoting (skipped)'],
  unparseable: ['error', 'values that are not numbers'],
  'missing-id': ['error', 'empty id cells'],
  'duplicate-key': ['error', 'duplicate primary key values'],
  'orphan-key': ['warning', 'ids not found in the referenced table (partial extracts have many)'],
  'flag-range': ['error', 'flag values other than 0 or 1'],
  'negative-amount': ['warning', 'negative amounts'],
  'positive-days': ['warning', 'DAYS_* values above 0 that are not the 365243 code'],
};

/** Collects problems: one counter per (table, column, kind), a few example lines each. */
class IssueLog {
  readonly issues = new Map<string, ValidationIssue>();
  constructor(private readonly maxExamples: number) {}

  add(
    table: TableName,
    file: string,
    kind: IssueKind,
    column: string | undefined,
    line: number,
    value?: string,
  ): void {
    const key = `${table}\0${column ?? ''}\0${kind}`;
    let issue = this.issues.get(key);
    if (!issue) {
      const [severity, message] = MESSAGES[kind];
      issue = { severity, kind, table, file, column, count: 0, examples: [], message };
      this.issues.set(key, issue);
    }
    issue.count++;
    if (issue.examples.length < this.maxExamples)
      issue.examples.push(value === undefined ? { line } : { line, value: value.slice(0, 40) });
  }
}

/** Per-row checks of one table's schema, compiled once into column index lists. */
function rowChecks(schema: TableSchema) {
  const idx = (pred: (name: string, type: string) => boolean) =>
    schema.columns.flatMap((c, j) => (pred(c.name, c.type) ? [j] : []));
  return {
    ids: idx((_, t) => t === 'id'),
    flags: idx((_, t) => t === 'flag'),
    amounts: idx((n) => n.startsWith('AMT_')),
    days: idx((n, t) => t === 'days' && !FUTURE_DAYS.has(n)),
  };
}

/**
 * Streams every Kaggle file of `dir` once and checks it: header, parse, ids, keys, value ranges.
 * Only key sets (for duplicates and foreign keys) and capped issue examples are kept in memory.
 */
export async function validateKaggleDir(dir: string, opts: ValidateOptions = {}): Promise<ValidationReport> {
  const logger = opts.logger ?? silentLogger;
  const log = new IssueLog(opts.maxExamples ?? 5);
  const keys = new Map<TableName, Set<number>>(); // primary keys seen, for foreign key checks
  const report: ValidationReport = { dir, tables: [], issues: [], errors: 0, warnings: 0 };
  const wanted = new Set(opts.tables ?? TABLE_NAMES);

  for (const table of TABLE_NAMES) {
    if (!wanted.has(table)) continue;
    const schema = kaggleSchemas[table];
    const path = findKaggleFile(dir, table);
    if (!path) {
      report.tables.push({ table, file: null, rows: 0, bytes: 0 });
      continue;
    }
    const file = basename(path);
    const names = schema.columns.map((c) => c.name);
    const checks = rowChecks(schema);
    const pkCol = schema.primaryKey ? names.indexOf(schema.primaryKey) : -1;
    const pkSet = new Set<number>();
    // A foreign key to application_train accepts either application table's ids.
    const fks = (schema.foreignKeys ?? []).flatMap((fk) => {
      const targets = fk.table === 'application_train' ? APPLICATION_TABLES : [fk.table];
      const sets = targets.flatMap((t) => keys.get(t) ?? []);
      return sets.length > 0 ? [{ col: names.indexOf(fk.column), name: fk.column, sets }] : [];
    });
    try {
      const { rows, bytes } = await readKaggleFile(path, schema, {
        invalid: ({ column, value, line }) => (log.add(table, file, 'unparseable', column, line, value), NaN),
        malformed: ({ line, detail }) => log.add(table, file, 'malformed-row', undefined, line, detail),
        progress: (b, r) => opts.onProgress?.({ table, bytes: b, rows: r }),
        row: (v, _texts, line) => {
          for (const j of checks.ids)
            if (Number.isNaN(v[j])) log.add(table, file, 'missing-id', names[j], line);
          for (const j of checks.flags) {
            const x = v[j]!;
            if (x !== 0 && x !== 1 && !Number.isNaN(x))
              log.add(table, file, 'flag-range', names[j], line, String(x));
          }
          for (const j of checks.amounts)
            if (v[j]! < 0) log.add(table, file, 'negative-amount', names[j], line, String(v[j]));
          for (const j of checks.days) {
            const x = v[j]!;
            if (x > 0 && x !== KAGGLE_CODE) log.add(table, file, 'positive-days', names[j], line, String(x));
          }
          if (pkCol >= 0) {
            const id = v[pkCol]!;
            if (pkSet.has(id)) log.add(table, file, 'duplicate-key', names[pkCol], line, String(id));
            else if (!Number.isNaN(id)) pkSet.add(id);
          }
          for (const fk of fks) {
            const id = v[fk.col]!;
            if (!Number.isNaN(id) && !fk.sets.some((s) => s.has(id)))
              log.add(table, file, 'orphan-key', fk.name, line, String(id));
          }
        },
      });
      report.tables.push({ table, file, rows, bytes });
      logger.info(`validated ${file}`, { rows });
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      log.add(table, file, 'file', undefined, 1, `${err.code}: ${err.message}`);
      report.tables.push({ table, file, rows: 0, bytes: 0 });
    }
    if (pkCol >= 0) keys.set(table, pkSet);
  }
  report.issues = [...log.issues.values()];
  for (const i of report.issues) {
    if (i.severity === 'error') report.errors += i.count;
    else report.warnings += i.count;
  }
  return report;
}
