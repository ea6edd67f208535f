// Shows a raw field value to a human: days before the application become years, amounts get currency.
import type { Field } from './api.js';
import type { I18n } from './i18n.js';

const moneyField = /^AMT_/;
const daysField = /^DAYS_/;

export function formatField(f: Field, i18n: I18n): string {
  const v = f.value;
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)))
    return i18n.t('missing');
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
  if (f.display !== undefined && f.display !== '') return f.display;
  return String(v);
}

/** The value to put in a what-if field, or into a chart (days shown as years). */
export const numericValue = (f: Field | undefined): number | null =>
  f && typeof f.value === 'number' && Number.isFinite(f.value) ? f.value : null;
