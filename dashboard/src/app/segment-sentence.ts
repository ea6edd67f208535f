// The rules of a client's segment (population=segment of the compare route) in the advisor's language.
import type { SegmentRule } from './api.js';
import { categoryLabel } from './category-labels.js';
import type { I18n } from './i18n.js';

/** "Segment: contract “Cash loans”, age 30–39 years, income €112,500 to €147,150." in the advisor's language. */
export function segmentSentence(rules: SegmentRule[], i18n: I18n): string {
  const { t, money, lang } = i18n;
  if (rules.length === 0) return t('segmentNone');
  const words = rules.map((r) =>
    r.field === 'NAME_CONTRACT_TYPE'
      ? t('ruleContract', { value: categoryLabel(r.value, lang) })
      : r.field === 'AGE_YEARS'
        ? t('ruleAge', { from: r.from, to: r.to })
        : t('ruleIncome', { from: money(r.from), to: money(r.to) }),
  );
  return t('segmentRules', { rules: words.join(', ') });
}
