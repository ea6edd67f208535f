import type { Command } from 'commander';
import { join } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-code.js';

/** `credit promote`: move `champion` to the challenger only if it beats the champion (or --force --reason). */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('promote')
    .description(
      'move the champion alias to the challenger if it beats the champion on AUC and business cost',
    )
    .option('--model <name>', 'registered model', 'credit-scoring')
    .option('--candidate <alias>', 'alias of the candidate version', 'challenger')
    .option('--force', 'promote even if the gate refuses (needs --reason)')
    .option('--reason <text>', 'why --force is used; recorded as a tag on the model version')
    .option('--tracking-uri <url>', 'MLflow server (default: MLFLOW_TRACKING_URI, else artifacts/tracking/)')
    .option('--json', 'print the decision as JSON')
    .action(
      async (opts: {
        model: string;
        candidate: string;
        force?: boolean;
        reason?: string;
        trackingUri?: string;
        json?: boolean;
      }) => {
        const { createTracker, promote } = await import('@credit/experiments');
        const tracker = createTracker({
          trackingUri: opts.trackingUri,
          root: join(ctx.root(), 'artifacts', 'tracking'),
          logger: ctx.logger,
        });
        const decision = await promote({
          tracker,
          model: opts.model,
          candidateAlias: opts.candidate,
          force: opts.force,
          reason: opts.reason,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
        else process.stdout.write(`${decision.explanation}\n`);
        // A challenger the gate refused fails the command, so a CI step stops there.
        if (!decision.promoted && decision.champion?.version !== decision.candidate.version)
          process.exitCode = ExitCode.gateRefused;
      },
    );
}
