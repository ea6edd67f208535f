// Shows a raw field value to a human: days before the application become years, amounts get currency.
import type { Field } from './api.js';
import type { I18n } from './i18n.js';
import { categoryLabel } from './category-labels.js';

// AMT_REQ_CREDIT_BUREAU_* are counts of enquiries, not amounts.
const moneyField = /^AMT_(?!REQ_)/;
const daysField = /^DAYS_/;
// 0/1 flags and Kaggle's Y/N answers read as yes/no; XNA is Kaggle's "not available".
const flagField = /^(FLAG_|REG_|LIVE_)/;
const yesNo: Record<string, boolean> = { Y: true, N: false, '1': true, '0': false };

/** A number of a field, in the unit the advisor reads: money, years (for DAYS_* already in years), plain. */
export function formatNumberFor(name: string, v: number | null, i18n: I18n): string {
  if (v === null || !Number.isFinite(v)) return i18n.t('missing');
  if (moneyField.test(name)) return i18n.money(v);
  if (daysField.test(name))
    return i18n.t('years', { n: i18n.num(name === 'DAYS_BIRTH' ? Math.floor(v) : v, 1) });
  return i18n.num(v, 2);
}

export function formatField(f: Field, i18n: I18n): string {
  const v = f.value;
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)))
    return i18n.t('missing');
  if (v === 'XNA') return i18n.t('missing');
  if (flagField.test(f.name) && String(v) in yesNo) return i18n.t(yesNo[String(v)] ? 'yes' : 'no');
  if (typeof v === 'number') {
    if (daysField.test(f.name)) {
      // docs/api.md sends these already in years; raw Kaggle values are negative days (|v| >= 365 for an age).
      const years = Math.abs(v) >= 365 ? Math.abs(v) / 365.25 : Math.abs(v);
      // Ages in whole years, as people say them; other durations (employment...) keep one decimal.
      if (f.name === 'DAYS_BIRTH') return i18n.t('years', { n: i18n.num(Math.floor(years)) });
      return i18n.t('years', { n: i18n.num(years, 1) });
    }
    if (moneyField.test(f.name)) return i18n.money(v);
    return i18n.num(v, 2);
  }
  if (typeof v === 'string') return categoryLabel(v, i18n.lang);
  if (f.display !== undefined && f.display !== '') return f.display;
  return String(v);
}

/** The value to put in a what-if field, or into a chart (days shown as years). */
export const numericValue = (f: Field | undefined): number | null =>
  f && typeof f.value === 'number' && Number.isFinite(f.value) ? f.value : null;
