import type { ColumnProfile } from './profile-types.js';
import type { Random } from './random.js';
import { DataError } from '../errors.js';

export const DAYS_CODE = 365243;

/** A cell value before formatting: a number (NaN = empty), a string, or null (empty). */
export type Cell = number | string | null;

/**
 * One output column: draws a value like the real column (missing rate, 365243 share, categories or
 * quantiles) and formats it as Kaggle's files do (whole numbers for integer columns, `x.0` for floats).
 */
export class SynthColumn {
  readonly name: string;
  private readonly profile: ColumnProfile;
  private readonly asFloat: boolean;
  private readonly scale: number;
  private readonly cumulative: number[];
  private readonly labels: (string | number)[];

  constructor(name: string, profile: ColumnProfile, asFloat: boolean) {
    this.name = name;
    this.profile = profile;
    this.asFloat = asFloat;
    this.scale = profile.kind === 'numeric' ? 10 ** profile.decimals : 1;
    const pairs: [string | number, number][] =
      profile.kind === 'categorical' ? profile.values : (profile.values ?? []);
    this.labels = pairs.map((p) => p[0]);
    let sum = 0;
    this.cumulative = pairs.map((p) => (sum += p[1]));
    const total = sum || 1;
    this.cumulative = this.cumulative.map((c) => c / total);
  }

  get missingRate(): number {
    return this.profile.missing;
  }

  /** Share of present cells holding the 365243 code. */
  get codeShare(): number {
    return this.profile.kind === 'numeric' ? this.profile.code365243 : 0;
  }

  /** Share of present cells whose label is in `labels`. */
  shareOf(labels: Set<string>): number {
    return this.profile.kind === 'categorical'
      ? this.profile.values.filter(([v]) => labels.has(v)).reduce((s, [, share]) => s + share, 0)
      : 0;
  }

  /** A full draw: empty with the real missing rate, else the code with its share, else a value. */
  draw(rng: Random): Cell {
    if (this.profile.missing > 0 && rng.uniform() < this.profile.missing) return null;
    if (
      this.profile.kind === 'numeric' &&
      this.profile.code365243 > 0 &&
      rng.uniform() < this.profile.code365243
    )
      return DAYS_CODE;
    return this.value(rng.uniform());
  }

  /** The value at quantile u of the non-missing, non-code distribution. */
  value(u: number): Cell {
    if (this.labels.length > 0) {
      let i = 0;
      while (i < this.cumulative.length - 1 && u >= (this.cumulative[i] as number)) i++;
      return this.labels[i] as string | number;
    }
    const q = this.profile.kind === 'numeric' ? this.profile.quantiles : undefined;
    if (!q || q.length === 0) return null;
    const pos = u * (q.length - 1);
    const lo = Math.floor(pos);
    const a = q[lo] as number;
    const b = q[Math.min(lo + 1, q.length - 1)] as number;
    return a + (b - a) * (pos - lo);
  }

  /** A categorical sampler restricted to the labels `keep` accepts (shares renormalised). */
  picker(keep: (label: string) => boolean): (rng: Random) => string {
    const labels: string[] = [];
    const cumulative: number[] = [];
    let total = 0;
    this.labels.forEach((label, i) => {
      const share = (this.cumulative[i] as number) - (i > 0 ? (this.cumulative[i - 1] as number) : 0);
      if (!keep(String(label))) return;
      labels.push(String(label));
      cumulative.push((total += share));
    });
    if (labels.length === 0)
      throw new DataError(
        'SYNTH_NO_CATEGORY',
        `Column ${this.name}: no real category fits the generator's rule.`,
      );
    return (rng) => {
      const u = rng.uniform() * total;
      let i = 0;
      while (i < labels.length - 1 && u >= (cumulative[i] as number)) i++;
      return labels[i] as string;
    };
  }

  /** Share of present values above `x` (numeric columns), for tilting rare events by risk. */
  shareAbove(x: number): number {
    if (this.profile.kind !== 'numeric') return 0;
    if (this.profile.values)
      return this.profile.values.filter(([v]) => v > x).reduce((s, [, share]) => s + share, 0);
    const q = this.profile.quantiles ?? [];
    return q.filter((v) => v > x).length / Math.max(1, q.length);
  }

  format(cell: Cell): string {
    if (cell === null) return '';
    if (typeof cell === 'string') return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
    if (Number.isNaN(cell)) return '';
    const rounded = Math.round(cell * this.scale) / this.scale;
    if (!this.asFloat) return String(Math.round(rounded));
    const text = String(rounded === 0 ? 0 : rounded);
    return Number.isInteger(rounded) ? `${text}.0` : text;
  }
}
