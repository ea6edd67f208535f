import type { Command } from 'commander';
import { join } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { commandGroup } from '../cli/group.js';

interface TrackerOpts {
  trackingUri?: string;
  json?: boolean;
}

const KEY_METRICS = ['val_auc', 'val_business_cost', 'threshold'];

/** Column-aligned plain table (stdout); the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

const fmt = (v: number | undefined): string =>
  v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(4);
const time = (ms?: number): string => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '-');

async function openTracker(ctx: CommandContext, opts: TrackerOpts) {
  const { createTracker } = await import('@credit/experiments');
  return createTracker({
    trackingUri: opts.trackingUri,
    root: join(ctx.root(), 'artifacts', 'tracking'),
    logger: ctx.logger,
  });
}

/** `credit experiments list|show|compare|sync`: read tracked runs, and push local runs to an MLflow server. */
export function register(program: Command, ctx: CommandContext): void {
  const group = commandGroup(
    program,
    'experiments',
    'tracked training runs: list, show, compare, sync to MLflow',
  );
  const out = (s: string): void => void process.stdout.write(s);

  group
    .command('list')
    .description('runs of an experiment, newest first')
    .option('--experiment <name>', 'experiment name', 'credit-scoring')
    .option('--limit <n>', 'at most this many runs', '20')
    .option('--tracking-uri <url>', 'MLflow server (default: MLFLOW_TRACKING_URI, else artifacts/tracking/)')
    .option('--json', 'print JSON')
    .action(async (opts: TrackerOpts & { experiment: string; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        const { PipelineError } = await import('../errors.js');
        throw new PipelineError('E_BAD_OPTION', `--limit must be a positive integer, got "${opts.limit}"`);
      }
      const tracker = await openTracker(ctx, opts);
      const runs = await tracker.searchRuns({ experiment: opts.experiment, maxResults: limit });
      if (opts.json) return out(`${JSON.stringify(runs, null, 2)}\n`);
      if (runs.length === 0)
        return out(`no runs in experiment "${opts.experiment}" at ${tracker.location}\n`);
      out(
        table([
          ['run', 'name', 'status', 'started', ...KEY_METRICS],
          ...runs.map((r) => [
            r.runId,
            r.runName,
            r.status,
            time(r.startTime),
            ...KEY_METRICS.map((k) => fmt(r.metrics[k])),
          ]),
        ]),
      );
    });

  group
    .command('show')
    .description('params, metrics, tags and artifacts of one run')
    .argument('<run>', 'run id')
    .option('--tracking-uri <url>', 'MLflow server (default: MLFLOW_TRACKING_URI, else artifacts/tracking/)')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: TrackerOpts) => {
      const tracker = await openTracker(ctx, opts);
      const run = await tracker.getRun(runId);
      const artifacts = await tracker.listArtifacts(runId);
      if (opts.json) return out(`${JSON.stringify({ ...run, artifacts }, null, 2)}\n`);
      out(
        `run ${run.runId} "${run.runName}" (${run.experimentName}) ${run.status}, ${time(run.startTime)} -> ${time(run.endTime)}\n\n`,
      );
      const section = (title: string, rec: Record<string, string | number>): void => {
        const rows = Object.entries(rec).sort(([a], [b]) => a.localeCompare(b));
        if (rows.length)
          out(
            `${title}\n${table([['key', 'value'], ...rows.map(([k, v]) => [k, typeof v === 'number' ? fmt(v) : v])])}\n`,
          );
      };
      section('params', run.params);
      section('metrics (latest)', run.metrics);
      section(
        'tags',
        Object.fromEntries(Object.entries(run.tags).filter(([k]) => !k.startsWith('mlflow.log-model'))),
      );
      out(`artifacts\n${artifacts.map((a) => `  ${a}`).join('\n') || '  (none)'}\n`);
    });

  group
    .command('compare')
    .description('two runs side by side (params and metrics; * marks a difference)')
    .argument('<runA>', 'run id')
    .argument('<runB>', 'run id')
    .option('--tracking-uri <url>', 'MLflow server (default: MLFLOW_TRACKING_URI, else artifacts/tracking/)')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, opts: TrackerOpts) => {
      const tracker = await openTracker(ctx, opts);
      const [ra, rb] = [await tracker.getRun(a), await tracker.getRun(b)];
      const rows: { kind: string; key: string; a: string; b: string; differs: boolean }[] = [];
      for (const kind of ['params', 'metrics'] as const) {
        const keys = [...new Set([...Object.keys(ra[kind]), ...Object.keys(rb[kind])])].sort();
        for (const key of keys) {
          const va = ra[kind][key];
          const vb = rb[kind][key];
          const s = (v: string | number | undefined): string => (typeof v === 'number' ? fmt(v) : (v ?? '-'));
          rows.push({ kind, key, a: s(va), b: s(vb), differs: va !== vb });
        }
      }
      if (opts.json) return out(`${JSON.stringify({ a: ra, b: rb, rows }, null, 2)}\n`);
      out(
        table([
          ['', 'kind', 'key', ra.runName || a.slice(0, 8), rb.runName || b.slice(0, 8)],
          ...rows.map((r) => [r.differs ? '*' : '', r.kind, r.key, r.a, r.b]),
        ]),
      );
    });

  group
    .command('sync')
    .description(
      'push local runs (kept while MLflow was unreachable, or logged locally) to an MLflow server, once',
    )
    .requiredOption('--to <url>', 'MLflow tracking server URL, e.g. http://127.0.0.1:5000')
    .option('--run <id...>', 'only these local run ids (also re-checks runs already synced)')
    .option('--json', 'print JSON')
    .action(async (opts: { to: string; run?: string[]; json?: boolean }) => {
      const { LocalTracker, MlflowClient, syncRuns } = await import('@credit/experiments');
      if (!/^https?:\/\//.test(opts.to)) {
        const { PipelineError } = await import('../errors.js');
        throw new PipelineError(
          'E_BAD_OPTION',
          `--to must be an http(s) URL of an MLflow server, got "${opts.to}"`,
        );
      }
      const journal = new LocalTracker({
        root: join(ctx.root(), 'artifacts', 'tracking'),
        logger: ctx.logger,
      });
      const client = new MlflowClient({ baseUrl: opts.to, logger: ctx.logger });
      const reports = await syncRuns({ journal, client, logger: ctx.logger, runIds: opts.run });
      if (opts.json) return out(`${JSON.stringify(reports, null, 2)}\n`);
      if (reports.length === 0) return out(`nothing to sync: every local run is already on ${opts.to}\n`);
      out(
        table([
          ['local run', 'server run', 'new', 'params', 'tags', 'metrics', 'artifacts', 'versions', 'aliases'],
          ...reports.map((r) => [
            r.localRunId,
            r.remoteRunId,
            r.created ? 'yes' : 'no',
            ...Object.values(r.pushed).map(String),
          ]),
        ]),
      );
    });
}
