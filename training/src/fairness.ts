import { rocAuc, safeDiv } from './metrics.js';

export interface GroupFairness {
  attribute: string;
  group: string;
  rows: number;
  defaultRate: number;
  auc: number;
  approvalRate: number;
  /** Good clients refused / good clients. */
  falsePositiveRate: number;
  /** Defaulters granted / defaulters. */
  falseNegativeRate: number;
}

const AGE_BANDS: [number, number, string][] = [
  [0, 30, '<30'],
  [30, 40, '30-39'],
  [40, 50, '40-49'],
  [50, 60, '50-59'],
  [60, 200, '60+'],
];

/** Age band from DAYS_BIRTH (negative days before the application). */
export function ageBand(daysBirth: number): string {
  if (!Number.isFinite(daysBirth)) return 'unknown';
  const age = -daysBirth / 365.25;
  return AGE_BANDS.find(([lo, hi]) => age >= lo && age < hi)?.[2] ?? 'unknown';
}

/**
 * Metrics by CODE_GENDER and by age band, at the decision threshold. `genderCategories` (the recipe's
 * factorize list, code i = categories[i], e.g. ["F", "M"]) names the groups; without it they are the codes.
 */
export function fairnessReport(
  labels: Float64Array,
  probabilities: Float64Array,
  threshold: number,
  attributes: { gender?: Float64Array; genderCategories?: readonly string[]; daysBirth?: Float64Array },
): GroupFairness[] {
  const report: GroupFairness[] = [];
  const byGroup = (attribute: string, groupOf: (i: number) => string) => {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < labels.length; i++) {
      const group = groupOf(i);
      const members = groups.get(group);
      if (members) members.push(i);
      else groups.set(group, [i]);
    }
    for (const [group, idx] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const y = idx.map((i) => labels[i]!);
      const p = idx.map((i) => probabilities[i]!);
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      y.forEach((label, k) => {
        const refuse = p[k]! >= threshold;
        if (label === 1) {
          if (refuse) tp++;
          else fn++;
        } else if (refuse) fp++;
        else tn++;
      });
      report.push({
        attribute,
        group,
        rows: idx.length,
        defaultRate: safeDiv(tp + fn, idx.length),
        auc: rocAuc(y, p),
        approvalRate: safeDiv(tn + fn, idx.length),
        falsePositiveRate: safeDiv(fp, fp + tn),
        falseNegativeRate: safeDiv(fn, fn + tp),
      });
    }
  };
  const { gender, genderCategories, daysBirth } = attributes;
  const genderName = (code: number) =>
    !Number.isFinite(code) || code < 0 ? 'unknown' : (genderCategories?.[code] ?? String(code)); // -1 = missing
  if (gender) byGroup('CODE_GENDER', (i) => genderName(gender[i]!));
  if (daysBirth) byGroup('age band', (i) => ageBand(daysBirth[i]!));
  return report;
}
