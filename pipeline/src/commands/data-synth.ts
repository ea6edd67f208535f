import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { commandGroup } from '../cli/group.js';

interface SynthFlags {
  clients: string;
  testClients: string;
  seed: string;
  out?: string;
  gzip?: boolean;
}

/** Parses a whole-number flag or throws a PipelineError naming it. */
async function wholeNumber(flag: string, text: string, min: number): Promise<number> {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) {
    const { PipelineError } = await import('../errors.js');
    throw new PipelineError('E_BAD_OPTION', `${flag} must be a whole number >= ${min}, got "${text}"`);
  }
  return value;
}

/** `credit data synth`: synthetic Home Credit tables in Kaggle's layout (the embedded default data). */
export function register(program: Command, ctx: CommandContext): void {
  commandGroup(program, 'data', 'Kaggle tables: validate, synthesize')
    .command('synth')
    .description(
      "write synthetic Home Credit tables in Kaggle's layout (8 CSV files, deterministic for a seed)",
    )
    .option('--clients <n>', 'labelled clients (application_train rows); Kaggle has 307511', '5000')
    .option('--test-clients <n>', 'unlabelled clients (application_test rows); Kaggle has 48744', '1000')
    .option('--seed <n>', 'random seed: the same seed gives byte-identical files', '42')
    .option('--out <dir>', 'output folder (default: <root>/artifacts/synthetic)')
    .option('--gzip', 'write .csv.gz files')
    .action(async (flags: SynthFlags) => {
      const clients = await wholeNumber('--clients', flags.clients, 0);
      const testClients = await wholeNumber('--test-clients', flags.testClients, 0);
      const seed = await wholeNumber('--seed', flags.seed, 0);
      const outDir = flags.out ? resolve(flags.out) : join(ctx.root(), 'artifacts', 'synthetic');
      const { synthesizeKaggleDir } = await import('@credit/data');
      let lastShown = -1;
      const summary = await synthesizeKaggleDir({
        outDir,
        clients,
        testClients,
        seed,
        gzip: Boolean(flags.gzip),
        logger: ctx.logger,
        onProgress: (p) => {
          const tenth = Math.floor((10 * p.clientsDone) / p.clientsTotal);
          if (tenth === lastShown) return;
          lastShown = tenth;
          ctx.logger.info(
            `synth ${Math.round((100 * p.clientsDone) / p.clientsTotal)}%: ${p.clientsDone}/${p.clientsTotal} clients, ${p.rows} rows, ${p.seconds.toFixed(1)} s`,
          );
        },
      });
      process.stdout.write(synthTable(summary));
    });
}

/** The summary: rows and size per file, and the time taken. */
export function synthTable(summary: {
  outDir: string;
  seconds: number;
  files: { file: string; rows: number; bytes: number }[];
}): string {
  const rows = summary.files.map((f) => [f.file, String(f.rows), (f.bytes / 1e6).toFixed(1)]);
  const total = summary.files.reduce((s, f) => ({ rows: s.rows + f.rows, bytes: s.bytes + f.bytes }), {
    rows: 0,
    bytes: 0,
  });
  rows.push(['total', String(total.rows), (total.bytes / 1e6).toFixed(1)]);
  const all = [['file', 'rows', 'MB'], ...rows];
  const widths = [0, 1, 2].map((c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const lines = all.map((r) =>
    [
      (r[0] ?? '').padEnd(widths[0]!),
      (r[1] ?? '').padStart(widths[1]!),
      (r[2] ?? '').padStart(widths[2]!),
    ].join('  '),
  );
  return `${lines.join('\n')}\nwritten to ${summary.outDir} in ${summary.seconds.toFixed(1)} s\n`;
}
