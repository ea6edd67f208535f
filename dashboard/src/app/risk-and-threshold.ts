// The risk and the threshold as percentages with enough decimals to tell them apart: a client just over the
// threshold must not read "48.8 % is above the threshold of 48.8 %".
import type { I18n } from './i18n.js';

const MAX_DIGITS = 3;

export function riskAndThreshold(
  i18n: Pick<I18n, 'pct'>,
  risk: number,
  threshold: number,
): { p: string; t: string } {
  for (let digits = 1; ; digits++) {
    const p = i18n.pct(risk, digits);
    const t = i18n.pct(threshold, digits);
    if (p !== t || digits >= MAX_DIGITS) return { p, t };
  }
}
