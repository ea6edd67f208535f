/**
 * How a field's raw value reads for a non-expert. Kaggle stores dates as days before the application
 * (negative), so "DAYS_BIRTH -9862" becomes "Age: 27 years"; the unit comes from the field dictionary
 * (@credit/data's feature labels), with a fallback for the application's own DAYS_ columns so older
 * bundles read the same.
 */
import type { FieldInfo } from '../types.js';

/**
 * - age / employment: DAYS_BIRTH / DAYS_EMPLOYED (days before the application; employment missing or
 *   365243 = not employed or pensioner)
 * - days-ago: days before the application, shown in years; days-ahead: days after it (negative = past)
 * - days: a count of days (payment delays); months-ago: months before the application
 * - share: a 0..1 proportion, shown as a percentage; money: an amount
 */
export type FieldUnit =
  'age' | 'employment' | 'days-ago' | 'days-ahead' | 'days' | 'months-ago' | 'share' | 'money';

/** A dictionary entry as @credit/data writes it: FieldInfo plus, optionally, the value's unit. */
export interface FieldPresentation extends FieldInfo {
  unit?: FieldUnit;
  /** A factorized column's category per code (code i = categories[i]; -1 = missing). */
  categories?: string[];
}

/**
 * A factorized column's code in words: `Owns a house or flat: yes` for Y/N flags, `Gender is "M"` otherwise,
 * `... is not given` for a code that is none of the categories (missing: -1); undefined when the field has
 * no categories (not a factorized column).
 */
export function categoryPhrase(label: string, info: FieldInfo | undefined, code: number): string | undefined {
  const categories = (info as FieldPresentation | undefined)?.categories;
  if (!categories) return undefined;
  const category = categories[code];
  if (category === undefined) return `${label} is not given`;
  if (category === 'Y' || category === 'N') return `${label}: ${category === 'Y' ? 'yes' : 'no'}`;
  return `${label} is "${category}"`;
}

/** Kaggle's "no end date / not employed" marker in day columns. */
export const DAYS_SENTINEL = 365243;
const DAYS_PER_YEAR = 365.25;

export function unitOf(field: string, info: FieldInfo | undefined): FieldUnit | undefined {
  const unit = (info as FieldPresentation | undefined)?.unit;
  if (unit) return unit;
  if (field === 'DAYS_BIRTH') return 'age';
  if (field === 'DAYS_EMPLOYED') return 'employment';
  if (/^DAYS_[A-Z_]+$/.test(field) && !field.endsWith('_PERC')) return 'days-ago';
  return undefined;
}

export interface ShownValue {
  /** The value in the unit shown (e.g. years). */
  value: number;
  text: string;
  /** True when a larger raw value means a smaller shown value (days before -> years ago). */
  reversed: boolean;
}

/** The raw value as shown, or undefined when the unit says it means "not applicable". */
export function showValue(raw: number, unit: FieldUnit | undefined): ShownValue | undefined {
  switch (unit) {
    case 'age':
    case 'days-ago':
      return years(-raw / DAYS_PER_YEAR, true);
    case 'employment':
      return raw >= DAYS_SENTINEL ? undefined : years(-raw / DAYS_PER_YEAR, true);
    case 'days-ahead':
      return years(raw / DAYS_PER_YEAR, false);
    case 'days':
      return {
        value: raw,
        text: `${formatNumber(raw)} ${Math.abs(raw) === 1 ? 'day' : 'days'}`,
        reversed: false,
      };
    case 'months-ago':
      return { value: -raw, text: `${formatNumber(-raw)} months`, reversed: true };
    case 'share':
      return { value: raw, text: `${formatNumber(raw * 100)}%`, reversed: false };
    default:
      return { value: raw, text: formatNumber(raw), reversed: false };
  }
}

function years(value: number, reversed: boolean): ShownValue {
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return { value, text: `${rounded} ${Math.abs(rounded) === 1 ? 'year' : 'years'}`, reversed };
}

/** 3 significant figures; thousands separators from 1,000. */
export function formatNumber(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

/** The label without a trailing unit in brackets ("... (years)"), since the value then carries it. */
export function labelWithoutUnit(label: string): string {
  return label.replace(/\s*\((years|days|months|%)\)$/, '');
}
