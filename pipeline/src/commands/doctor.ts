import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';

/** `credit doctor`: what this machine offers the pipeline, without printing any secret. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('doctor')
    .description('check this machine: Node, cores, memory, optional services and the shared data sample')
    .option('--json', 'print the checks as JSON')
    .action((opts: { json?: boolean }) => {
      const root = ctx.root();
      const checks = {
        node: process.version,
        cores: availableParallelism(),
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        kaggleDataInDataRaw:
          existsSync(join(root, 'data', 'raw', 'application_train.csv')) ||
          existsSync(join(root, 'data', 'raw', 'application_train.csv.gz')),
        sharedSample: existsSync(resolve(root, '..', 'shared', 'data', 'home-credit-sample')),
        // Only whether they are set: their values may hold credentials.
        mlflowTrackingUriSet: Boolean(process.env.MLFLOW_TRACKING_URI),
        databaseUrlSet: Boolean(process.env.DATABASE_URL),
      };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
        return;
      }
      for (const [name, value] of Object.entries(checks))
        process.stdout.write(`${name.padEnd(22)} ${String(value)}\n`);
    });
}
