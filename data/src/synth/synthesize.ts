/**
 * Synthetic Home Credit tables in Kaggle's layout.
 *
 *   seed -> Random ──> per client (ids ascending, train/test interleaved like Kaggle's 100001..456255):
 *      1. hidden risk r ~ N(0,1)
 *      2. application_train|test row   (TARGET, EXT_SOURCE_*, age lean on r)
 *      3. bureau + bureau_balance      (overdue loans, late months lean on r)
 *      4. previous_application + POS_CASH_balance + installments_payments + credit_card_balance
 *   -> 8 buffered CSV sinks (backpressure, optional gzip) -> temp files -> rename
 *
 * Every column not set by the logic above is drawn from the real sample's profile (missing rate,
 * 365243 share, categories, quantiles). Nothing but the current client is held in memory.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { kaggleSchemas, TABLE_NAMES, type TableName } from '../kaggle/schema.js';
import { silentLogger, type Logger } from '../logger.js';
import { applicationWriter, type Client } from './application.js';
import { bureauWriter } from './bureau.js';
import { SynthColumn } from './column.js';
import { CsvSink } from './csv-sink.js';
import { previousWriter } from './previous.js';
import { Random } from './random.js';
import { sampleProfile } from './sample-profile.js';
import { TableOut } from './table-out.js';

export interface SynthProgress {
  clientsDone: number;
  clientsTotal: number;
  rows: number;
  seconds: number;
}

export interface SynthOptions {
  outDir: string;
  /** Labelled clients (application_train rows). Kaggle: 307,511. */
  clients: number;
  /** Unlabelled clients (application_test rows). Kaggle: 48,744. */
  testClients: number;
  seed: number;
  /** Write `<table>.csv.gz` instead of `<table>.csv`. */
  gzip?: boolean;
  /** Called about every 1% of clients and at the end. */
  onProgress?: (progress: SynthProgress) => void;
  logger?: Logger;
}

export interface SynthFileSummary {
  table: TableName;
  file: string;
  rows: number;
  bytes: number;
}

export interface SynthSummary {
  outDir: string;
  seed: number;
  clients: number;
  testClients: number;
  files: SynthFileSummary[];
  seconds: number;
}

/** The embedded default run's size (`credit run` without Kaggle data). */
export const DEFAULT_SYNTH = { clients: 5000, testClients: 1000, seed: 42 } as const;

/** First ids, as in Kaggle's files. */
const FIRST_ID = { client: 100001, bureau: 5000000, previous: 1000000 };

export async function synthesizeKaggleDir(opts: SynthOptions): Promise<SynthSummary> {
  checkOptions(opts);
  const logger = opts.logger ?? silentLogger;
  const started = performance.now();
  await mkdir(opts.outDir, { recursive: true }).catch((cause: unknown) => {
    throw new DataError(
      'SYNTH_OUT_DIR',
      `Cannot create output folder ${opts.outDir}: choose a writable --out.`,
      { cause },
    );
  });
  const rng = new Random(opts.seed);
  const suffix = opts.gzip ? '.csv.gz' : '.csv';
  const outs = {} as Record<TableName, TableOut>;
  for (const table of TABLE_NAMES) {
    const schema = kaggleSchemas[table];
    const columns = schema.columns.map((c) => {
      const profile = sampleProfile[table].columns[c.name];
      if (!profile)
        throw new DataError(
          'SYNTH_SCHEMA_MISMATCH',
          `Column ${table}.${c.name} has no profile: rerun data/scripts/profile-sample.ts.`,
        );
      return new SynthColumn(c.name, profile, c.type === 'float');
    });
    const file = schema.file.replace(/\.csv$/, suffix);
    const sink = new CsvSink(
      join(opts.outDir, file),
      schema.columns.map((c) => c.name),
      Boolean(opts.gzip),
    );
    outs[table] = new TableOut(columns, sink, rng);
  }
  const sinks = TABLE_NAMES.map((t) => outs[t].sink);

  try {
    const train = applicationWriter(outs.application_train, rng);
    const test = applicationWriter(outs.application_test, rng);
    const bureau = bureauWriter(outs.bureau, outs.bureau_balance, { next: FIRST_ID.bureau }, rng);
    const previous = previousWriter(
      {
        previous: outs.previous_application,
        pos: outs.POS_CASH_balance,
        instalments: outs.installments_payments,
        card: outs.credit_card_balance,
      },
      { next: FIRST_ID.previous },
      rng,
    );

    const total = opts.clients + opts.testClients;
    let testLeft = opts.testClients;
    const every = Math.max(1, Math.floor(total / 100));
    const progress = (done: number) =>
      opts.onProgress?.({
        clientsDone: done,
        clientsTotal: total,
        rows: sinks.reduce((s, k) => s + k.rows, 0),
        seconds: (performance.now() - started) / 1000,
      });
    for (let i = 0; i < total; i++) {
      // Exact train/test counts, interleaved over one id range as in Kaggle.
      const isTest = rng.uniform() * (total - i) < testLeft;
      if (isTest) testLeft--;
      const client: Client = { id: FIRST_ID.client + i, risk: rng.normal(), test: isTest };
      (isTest ? test : train)(client);
      bureau(client);
      previous(client);
      for (const sink of sinks) await sink.maybeFlush();
      if ((i + 1) % every === 0) progress(i + 1);
    }
    for (const sink of sinks) await sink.close();
    if (total % every !== 0) progress(total);
  } catch (error) {
    await Promise.all(sinks.map((s) => s.abort()));
    throw error;
  }

  const summary: SynthSummary = {
    outDir: opts.outDir,
    seed: opts.seed,
    clients: opts.clients,
    testClients: opts.testClients,
    files: TABLE_NAMES.map((table) => ({
      table,
      file: outs[table].sink.path.slice(opts.outDir.length + 1),
      rows: outs[table].sink.rows,
      bytes: outs[table].sink.bytes,
    })),
    seconds: (performance.now() - started) / 1000,
  };
  logger.info('synthetic Kaggle tables written', {
    outDir: opts.outDir,
    rows: summary.files.reduce((s, f) => s + f.rows, 0),
    seconds: Math.round(summary.seconds),
  });
  return summary;
}

function checkOptions(opts: SynthOptions): void {
  const counts: [string, number][] = [
    ['clients', opts.clients],
    ['testClients', opts.testClients],
  ];
  for (const [name, value] of counts)
    if (!Number.isInteger(value) || value < 0)
      throw new DataError('SYNTH_BAD_OPTION', `${name} must be a whole number >= 0 (got ${value}).`);
  if (opts.clients + opts.testClients === 0)
    throw new DataError('SYNTH_BAD_OPTION', 'Ask for at least one client (clients + testClients > 0).');
  if (!Number.isInteger(opts.seed))
    throw new DataError('SYNTH_BAD_OPTION', `seed must be a whole number (got ${opts.seed}).`);
}
