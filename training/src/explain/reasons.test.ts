import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveBundle } from '../bundle.js';
import type { FieldImportance } from '../importance.js';
import { manifestFor } from '../manifest.test-util.js';
import { buildNetwork } from '../network.js';
import { fitPreprocessor } from '../preprocess.js';
import { createRandom } from '../random.js';
import { plainReasons, type FieldContribution } from '../reasons.js';
import { createScoringModel } from '../scoring-model.js';
import type { FieldPresentation } from './wording.js';

const names = [
  'DAYS_BIRTH',
  'DAYS_EMPLOYED',
  'BURO_DAYS_CREDIT_MEAN',
  'EXT_SOURCE_2',
  'PAYMENT_RATE',
  'FLAG_DOCUMENT_3',
  'NAME_EDUCATION_TYPE_Higher education',
  'NAME_EDUCATION_TYPE_Secondary',
];
const fieldOf: Record<string, string> = {
  'NAME_EDUCATION_TYPE_Higher education': 'NAME_EDUCATION_TYPE',
  NAME_EDUCATION_TYPE_Secondary: 'NAME_EDUCATION_TYPE',
};
/** As @credit/data's featureLabels writes them (labels with the unit in brackets, plus the unit). */
const fieldInfo: Record<string, FieldPresentation> = {
  DAYS_BIRTH: { label: 'Age (years)', description: '', unit: 'age' },
  DAYS_EMPLOYED: { label: 'Time in current job (years)', description: '', unit: 'employment' },
  BURO_DAYS_CREDIT_MEAN: {
    label: "Other institutions' credits: average age of credit (years)",
    description: '',
    unit: 'days-ago',
  },
  EXT_SOURCE_2: { label: 'External score 2', description: '' },
  PAYMENT_RATE: { label: 'Annuity as a share of the loan amount', description: '', unit: 'share' },
  FLAG_DOCUMENT_3: { label: 'Provided document 3', description: '' },
  NAME_EDUCATION_TYPE: { label: 'Education', description: '' },
};

function clients(rows: number) {
  const random = createRandom(3);
  const columns = names.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const educated = random() < 0.4 ? 1 : 0;
    const values = [
      -Math.round(365.25 * (20 + random() * 45)),
      random() < 0.15 ? NaN : -Math.round(random() * 5000),
      random() < 0.3 ? NaN : -Math.round(random() * 3000),
      random(),
      0.02 + random() * 0.08,
      random() < 0.7 ? 1 : 0,
      educated,
      1 - educated,
    ];
    values.forEach((v, j) => (columns[j]![r] = v));
  }
  return columns;
}

const columns = clients(400);
const pre = fitPreprocessor(
  names,
  columns,
  Array.from({ length: 400 }, (_, i) => i),
  0.01,
);
const rowOf = (r: number) => columns.map((c) => c[r]!);
const contribution = (field: string, c: number, value?: number | null, percentile?: number) =>
  ({
    field,
    label: fieldInfo[field]?.label ?? field,
    contribution: c,
    value,
    percentile,
  }) as FieldContribution;

describe('plain-language reasons', () => {
  const reasons = (list: FieldContribution[], info: Record<string, FieldPresentation> = fieldInfo) =>
    plainReasons(list, pre, rowOf(0), 10, info);

  it('shows ages and job lengths in years, and the pensioner marker in words', () => {
    expect(
      reasons([
        contribution('DAYS_BIRTH', 0.5, -9862, 0.8), // 80% of clients have a lower (older) DAYS_BIRTH
        contribution('DAYS_EMPLOYED', 0.3, -438, 0.3),
        contribution('DAYS_EMPLOYED', 0.2, null),
        contribution('DAYS_EMPLOYED', 0.1, 365243, 1),
      ]),
    ).toEqual([
      'Age: 27 years, younger than 80% of clients — raises the risk',
      'Employed for 1.2 years, longer than 70% of clients — raises the risk',
      'Not employed or pensioner — raises the risk',
      'Not employed or pensioner — raises the risk',
    ]);
  });

  it('reads DAYS_ fields in years even without a unit in the dictionary (older bundles)', () => {
    expect(reasons([contribution('DAYS_BIRTH', -0.4, -20454, 0.1)], {})).toEqual([
      'Age: 56 years, older than 90% of clients — lowers the risk',
    ]);
  });

  it('words aggregates, shares, scores, flags and categories for a non-expert', () => {
    expect(
      reasons([
        contribution('BURO_DAYS_CREDIT_MEAN', -0.2, -730.5, 0.9),
        contribution('PAYMENT_RATE', 0.15, 0.0525, 0.7),
        contribution('EXT_SOURCE_2', 0.12, 0.12, 0.15),
        contribution('FLAG_DOCUMENT_3', 0.05, 1),
        contribution('NAME_EDUCATION_TYPE', -0.04),
      ]),
    ).toEqual([
      "Other institutions' credits: average age of credit is low: 2 years, lower than for 90% of clients — lowers the risk",
      'Annuity as a share of the loan amount is high: 5.25%, higher than for 70% of clients — raises the risk',
      'External score 2 is low: 0.12, lower than for 85% of clients — raises the risk',
      'Provided document 3: yes — raises the risk',
      `Education is "${columns[6]![0] === 1 ? 'Higher education' : 'Secondary'}" — lowers the risk`,
    ]);
  });
});

it('words a factorized column by its category: FLAG_OWN_REALTY code 0 is "Y", CODE_GENDER 1 is "M"', () => {
  // The recipe's factorize lists (first appearance order on the real sample): codes are not yes/no.
  const info: Record<string, FieldPresentation> = {
    FLAG_OWN_REALTY: { label: 'Owns a house or flat', description: '', categories: ['Y', 'N'] },
    CODE_GENDER: { label: 'Gender', description: '', categories: ['F', 'M'] },
  };
  expect(
    plainReasons(
      [
        contribution('FLAG_OWN_REALTY', 0.2, 0),
        contribution('FLAG_OWN_REALTY', 0.1, 1),
        contribution('CODE_GENDER', -0.1, 1),
        contribution('CODE_GENDER', 0.05, -1), // missing (factorize's -1)
      ].map((c) => ({ ...c, label: info[c.field]!.label })),
      pre,
      rowOf(0),
      5,
      info,
    ),
  ).toEqual([
    'Owns a house or flat: yes — raises the risk',
    'Owns a house or flat: no — raises the risk',
    'Gender is "M" — lowers the risk',
    'Gender is not given — raises the risk',
  ]);
});

it('says a category was not given when no one-hot column of the field is set', () => {
  const row = rowOf(0);
  row[6] = 0;
  row[7] = 0;
  expect(plainReasons([contribution('NAME_EDUCATION_TYPE', 0.3)], pre, row, 5, fieldInfo)).toEqual([
    'Education is not given — raises the risk',
  ]);
});

describe('ScoringModel.explain', () => {
  const network = buildNetwork(pre.outputs.length, [32, 16], 5);
  const manifest = manifestFor(names, pre, {
    formatVersion: 1,
    tfjsBackend: 'cpu',
    createdAt: '2026-01-01T00:00:00.000Z',
    fieldOf,
    fieldInfo,
  });
  const model = createScoringModel(manifest, network);

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('groups attributions by business field and sums them to the logit difference within 1e-3', () => {
    for (const r of [0, 1, 2, 3, 50, 399]) {
      const e = model.explain(rowOf(r));
      const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(sum - (e.output.logit - e.baseline.logit))).toBeLessThan(1e-3);
      expect(e.output.probability).toBeCloseTo(model.predictProba(rowOf(r))[0]!, 5);
      // One-hot columns fold into their source column; no model input is left out.
      expect(e.contributions.map((c) => c.field).sort()).toEqual(
        [...new Set(names.map((n) => fieldOf[n] ?? n))].sort(),
      );
      expect(e.reasons.every((s) => !/DAYS_|_MEAN|EDUCATION_TYPE/.test(s))).toBe(true);
    }
  });

  it('writes as many sentences as asked (five by default), strongest first', () => {
    const row = rowOf(7);
    const two = model.explain(row, { reasons: 2 }).reasons;
    const e = model.explain(row, { reasons: 20 });
    const effective = e.contributions.filter((c) => Math.abs(c.contribution) > 1e-6).length;
    expect(effective).toBeGreaterThan(2);
    expect(e.reasons).toHaveLength(effective); // one per field that moves the logit
    expect(e.reasons.slice(0, 2)).toEqual(two);
    expect(model.explain(row).reasons).toEqual(e.reasons.slice(0, 5));
  });

  it('saves the importance chart in the bundle as Vega-Lite, SVG and PNG with the plain labels', async () => {
    const importance: FieldImportance[] = [
      { field: 'EXT_SOURCE_2', aucDrop: 0.05, meanAbsAttribution: 0.3 },
      { field: 'BURO_DAYS_CREDIT_MEAN', aucDrop: 0.01, meanAbsAttribution: 0.1 },
      { field: 'DAYS_BIRTH', aucDrop: 0.02, meanAbsAttribution: 0.2 },
    ];
    const dir = await mkdtemp(join(tmpdir(), 'explain-bundle-'));
    try {
      const out = join(dir, 'model');
      await saveBundle(out, model, { artifacts: [{ name: 'importance.json', content: importance }] });
      expect(await readdir(join(out, 'reports'))).toEqual(
        expect.arrayContaining(['importance.json', 'importance.vl.json', 'importance.svg', 'importance.png']),
      );
      const spec = JSON.parse(await readFile(join(out, 'reports', 'importance.vl.json'), 'utf8')) as {
        data: { values: { label: string; rank: number }[] };
      };
      expect(spec.data.values.map((v) => v.label)).toEqual([
        'External score 2',
        'Age (years)',
        "Other institutions' credits: average age of credit (years)",
      ]);
      const svg = await readFile(join(out, 'reports', 'importance.svg'), 'utf8');
      expect(svg).toMatch(/^<svg/);
      expect(svg).toContain('External score 2');
      expect(svg).toContain('mean |attribution|');
      const png = await readFile(join(out, 'reports', 'importance.png'));
      expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(png.length).toBeGreaterThan(5000);
    } finally {
      await rm(dir, { recursive: true });
    }
  }, 60_000);
});
