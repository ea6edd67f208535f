/**
 * Markdown figures for docs/methodology.md and docs/model-card.md, rendered from a model bundle's own
 * files (manifest, CV report, importance, fairness). `credit docs --model DIR` rewrites the blocks
 * between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`, so the docs' numbers always come from
 * a real run and a test checks that the committed blocks match the renderer's output for their source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassificationMetrics } from '@credit/training';

export interface BundleFigures {
  manifest: {
    trainingRows: number;
    featureCount: number;
    trainingDataHash: string;
    tfjsBackend: string;
    threshold: number;
    cost: { falseNegative: number; falsePositive: number };
    metrics: { mlp: ClassificationMetrics; baseline: ClassificationMetrics };
    fieldInfo?: Record<string, { label: string }>;
  };
  folds: { fold: number; mlpAuc: number; baselineAuc: number; threshold: number; costPerClient: number }[];
  importance: { field: string; aucDrop: number; meanAbsAttribution: number }[];
  fairness: {
    attribute: string;
    group: string;
    rows: number;
    defaultRate: number;
    auc: number;
    approvalRate: number;
    falsePositiveRate: number;
    falseNegativeRate: number;
  }[];
}

/** The figures of a bundle, compact enough to commit as docs/figures/model-figures.json. */
export function readBundleFigures(bundleDir: string): BundleFigures {
  const read = <T>(file: string, fallback: T): T =>
    existsSync(join(bundleDir, file))
      ? (JSON.parse(readFileSync(join(bundleDir, file), 'utf8')) as T)
      : fallback;
  const manifest = read<BundleFigures['manifest'] & { featureNames: string[] }>(
    'manifest.json',
    undefined as never,
  );
  const importance = read<BundleFigures['importance']>('reports/importance.json', []).slice(0, 10);
  const fieldInfo = Object.fromEntries(
    importance.map((i) => [i.field, { label: manifest.fieldInfo?.[i.field]?.label ?? i.field }]),
  );
  return {
    manifest: {
      trainingRows: manifest.trainingRows,
      featureCount: manifest.featureNames.length,
      trainingDataHash: manifest.trainingDataHash,
      tfjsBackend: manifest.tfjsBackend,
      threshold: manifest.threshold,
      cost: manifest.cost,
      metrics: manifest.metrics,
      fieldInfo,
    },
    folds: read<{ folds?: BundleFigures['folds'] }>('reports/cv-report.json', {}).folds ?? [],
    importance,
    fairness: read('reports/fairness.json', []),
  };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');

export function renderFigures(
  name: 'cv' | 'importance' | 'fairness',
  f: BundleFigures,
  source: string,
): string {
  const m = f.manifest;
  const lines: string[] = [
    `_Generated from ${source} (written by \`npx credit docs --model BUNDLE\`): a model trained on ${m.trainingRows} labelled rows, ${m.featureCount} features (data hash ${m.trainingDataHash.slice(0, 12)}, backend ${m.tfjsBackend})._`,
    '',
  ];
  if (name === 'cv') {
    lines.push(
      '| model | ROC AUC | PR AUC | Brier | threshold | cost per client | cost per client, cross-fitted threshold | business score | recall | precision |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const [label, x] of [
      ['MLP', m.metrics.mlp],
      ['logistic baseline', m.metrics.baseline],
    ] as const)
      lines.push(
        `| ${label} | ${f3(x.rocAuc)} | ${f3(x.prAuc)} | ${f3(x.brier)} | ${f3(x.threshold)} | ${f3(x.costPerClient)} | ${x.crossFittedCostPerClient === undefined ? 'not in this bundle' : f3(x.crossFittedCostPerClient)} | ${f3(x.businessScore)} | ${f3(x.recall)} | ${f3(x.precision)} |`,
      );
    lines.push(
      '',
      `Costs: false negative ${m.cost.falseNegative}, false positive ${m.cost.falsePositive}. Out-of-fold figures over ${m.metrics.mlp.rows} rows (${m.metrics.mlp.positives} defaults). Cost per client: at the one threshold chosen on all of them. Cross-fitted: each fold judged at the threshold chosen on the other folds, which never saw the clients it is judged on (what the rule should cost on new clients).`,
      '',
    );
    lines.push(
      '| fold | MLP AUC | baseline AUC | cost-optimal threshold | cost per client |',
      '|---|---|---|---|---|',
    );
    for (const fold of f.folds)
      lines.push(
        `| ${fold.fold} | ${f3(fold.mlpAuc)} | ${f3(fold.baselineAuc)} | ${f3(fold.threshold)} | ${f3(fold.costPerClient)} |`,
      );
  } else if (name === 'importance') {
    lines.push(
      '| field | what it is | AUC drop when shuffled | mean abs. attribution (logit) |',
      '|---|---|---|---|',
    );
    for (const i of f.importance.slice(0, 10))
      lines.push(
        `| ${i.field} | ${m.fieldInfo?.[i.field]?.label ?? ''} | ${i.aucDrop.toFixed(4)} | ${i.meanAbsAttribution.toFixed(4)} |`,
      );
  } else {
    lines.push(
      '| attribute | group | rows | default rate | AUC | approval rate | false positive rate | false negative rate |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const g of f.fairness)
      lines.push(
        `| ${g.attribute} | ${g.group} | ${g.rows} | ${pct(g.defaultRate)} | ${f3(g.auc)} | ${pct(g.approvalRate)} | ${pct(g.falsePositiveRate)} | ${pct(g.falseNegativeRate)} |`,
      );
  }
  return lines.join('\n');
}

const blockPattern = /<!-- figures:(cv|importance|fairness) source=(\S+) -->\n[\s\S]*?<!-- \/figures:\1 -->/g;

/** Rewrites every figures block of a markdown document from the bundle named in the block. */
export function fillFigureBlocks(markdown: string, load: (source: string) => BundleFigures): string {
  return markdown.replace(
    blockPattern,
    (_all, name: 'cv' | 'importance' | 'fairness', source: string) =>
      `<!-- figures:${name} source=${source} -->\n${renderFigures(name, load(source), source)}\n<!-- /figures:${name} -->`,
  );
}
