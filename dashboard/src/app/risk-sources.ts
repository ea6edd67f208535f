// Where a client's risk comes from, by source of data: the explanation's per-field contributions summed
// over the fields of each source (the application's themes, the external scores, each history table).
// Hundreds of fields each move the risk a little; the top ten reasons often carry under half of the
// movement, and these sums say where the rest comes from.

export type SourceKey =
  | 'external'
  | 'credit'
  | 'income'
  | 'personal'
  | 'housing'
  | 'application'
  | 'bureau'
  | 'previous'
  | 'instalments'
  | 'pos'
  | 'cards';

/**
 * First matching rule wins; any other field (documents provided, hour and day of the application, a
 * field this list does not know) belongs to 'application'. Names are business fields; a one-hot column
 * (NAME_CONTRACT_TYPE_Cash loans) matches its field's rule too.
 */
const RULES: [SourceKey, RegExp][] = [
  ['bureau', /^(BURO_|ACTIVE_|CLOSED_|AMT_REQ_CREDIT_BUREAU_)/],
  ['previous', /^(PREV_|APPROVED_|REFUSED_|ANNUITY_TO_PREV_ANNUITY$|CREDIT_TO_PREV_CREDIT$)/],
  ['instalments', /^INSTAL_/],
  ['pos', /^POS_/],
  ['cards', /^CC_/],
  ['external', /^EXT_SOURCES?_/],
  [
    'credit',
    /^(AMT_CREDIT|AMT_ANNUITY|AMT_GOODS_PRICE|NAME_CONTRACT_TYPE|NAME_TYPE_SUITE|INCOME_CREDIT_PERC|ANNUITY_INCOME_PERC|PAYMENT_RATE|CREDIT_TO_GOODS|LOAN_TERM_ESTIMATE|LOAN_RATE_ESTIMATE)(_|$)/,
  ],
  [
    'income',
    /^(AMT_INCOME_TOTAL|NAME_INCOME_TYPE|OCCUPATION_TYPE|ORGANIZATION_TYPE|DAYS_EMPLOYED|INCOME_PER_PERSON)(_|$)/,
  ],
  [
    'housing',
    /^(NAME_HOUSING_TYPE|REGION_|FLAG_OWN_|OWN_CAR_AGE|CAR_AGE_TO_AGE|DAYS_REGISTRATION|REGISTRATION_TO_BIRTH|LIVE_|REG_|FONDKAPREMONT_|HOUSETYPE_|WALLSMATERIAL_|EMERGENCYSTATE_|TOTALAREA_)|_(AVG|MODE|MEDI)$/,
  ],
  [
    'personal',
    /^(CODE_GENDER|DAYS_BIRTH|NAME_EDUCATION_TYPE|DAYS_ID_PUBLISH|ID_PUBLISH_TO_BIRTH|NAME_FAMILY_STATUS|CNT_CHILDREN|CNT_FAM_MEMBERS|FLAG_(MOBIL|EMP_PHONE|WORK_PHONE|CONT_MOBILE|PHONE|EMAIL)|DAYS_LAST_PHONE_CHANGE|PHONE_CHANGE_TO_BIRTH|(OBS|DEF)_\d+_CNT_SOCIAL_CIRCLE)(_|$)/,
  ],
];

export const sourceOf = (field: string): SourceKey =>
  RULES.find(([, rule]) => rule.test(field))?.[0] ?? 'application';

export interface SourceContribution {
  key: SourceKey;
  /** How many of the explanation's fields belong to the source. */
  fields: number;
  /** Sum of their contributions (log-odds): the sources together add up to the whole explanation. */
  contribution: number;
}

/** Contributions summed by source, the largest movement (either way) first. */
export function contributionsBySource(
  contributions: readonly { field: string; contribution: number }[],
): SourceContribution[] {
  const bySource = new Map<SourceKey, SourceContribution>();
  for (const { field, contribution } of contributions) {
    const key = sourceOf(field);
    const entry = bySource.get(key) ?? { key, fields: 0, contribution: 0 };
    entry.fields++;
    entry.contribution += contribution;
    bySource.set(key, entry);
  }
  return [...bySource.values()].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
