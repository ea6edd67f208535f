import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { commandGroup } from '../cli/group.js';
import { PipelineError } from '../errors.js';

/** `credit data validate`: checks a directory of Kaggle files and prints every problem with its line. */
export function register(program: Command, ctx: CommandContext): void {
  commandGroup(program, 'data', 'Kaggle tables: validate, synthesize')
    .command('validate')
    .description('check Kaggle CSV files (.csv or .csv.gz): headers, values, keys, ranges; exit 1 on errors')
    .requiredOption('--data <dir>', 'directory holding application_train.csv[.gz], bureau.csv[.gz], ...')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { data: string; json?: boolean }) => {
      const dir = resolve(ctx.root(), opts.data);
      if (!existsSync(dir))
        throw new PipelineError('DATA_DIR_MISSING', `--data ${opts.data}: no such directory (${dir})`);
      const { validateKaggleDir, formatValidationReport } = await import('@credit/data');
      let last = '';
      const report = await validateKaggleDir(dir, {
        logger: ctx.logger,
        onProgress: (e) => {
          if (e.table !== last) ctx.logger.debug(`reading ${e.table}`);
          last = e.table;
        },
      });
      if (report.tables.every((t) => t.file === null))
        throw new PipelineError(
          'DATA_DIR_EMPTY',
          `${dir} holds no Kaggle file (application_train.csv[.gz], ...)`,
        );
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatValidationReport(report),
      );
      if (report.errors > 0) {
        const err = new PipelineError(
          'DATA_INVALID',
          `${report.errors} error(s) in ${dir}: see the report above`,
        );
        Object.assign(err, { exitCode: 1 });
        throw err;
      }
    });
}
