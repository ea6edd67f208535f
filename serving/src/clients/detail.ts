import type { ModelInfo } from '../deps.js';

export type GroupKey = 'identity' | 'family' | 'income' | 'credit' | 'housing' | 'history';

const GROUP_LABELS: Record<GroupKey, string> = {
  identity: 'Identity',
  family: 'Family',
  income: 'Income and work',
  credit: 'Credit requested',
  housing: 'Housing and region',
  history: 'History and documents',
};

/** First matching rule wins; anything else goes to history. */
const RULES: [GroupKey, RegExp][] = [
  ['family', /^(NAME_FAMILY_STATUS|CNT_CHILDREN|CNT_FAM_MEMBERS)$/],
  ['income', /^(AMT_INCOME_TOTAL|NAME_INCOME_TYPE|OCCUPATION_TYPE|ORGANIZATION_TYPE|DAYS_EMPLOYED)$/],
  ['credit', /^(AMT_CREDIT|AMT_ANNUITY|AMT_GOODS_PRICE|NAME_CONTRACT_TYPE|NAME_TYPE_SUITE|EXT_SOURCE_\d)$/],
  [
    'housing',
    /^(NAME_HOUSING_TYPE|REGION_|FLAG_OWN_|OWN_CAR_AGE|DAYS_REGISTRATION|LIVE_|REG_)|_(AVG|MODE|MEDI)$/,
  ],
  [
    'identity',
    /^(CODE_GENDER|DAYS_BIRTH|NAME_EDUCATION_TYPE|DAYS_ID_PUBLISH|FLAG_(MOBIL|EMP_PHONE|WORK_PHONE|CONT_MOBILE|PHONE|EMAIL))$/,
  ],
];

export const groupOf = (field: string): GroupKey => RULES.find(([, re]) => re.test(field))?.[0] ?? 'history';

const DAYS_PER_YEAR = 365.25;

/** DAYS_* fields are negative day counts: shown and returned as years. */
function valueOf(field: string, raw: unknown): { value: number | string | null; display: string } {
  if (raw === null || raw === undefined || raw === '' || (typeof raw === 'number' && !Number.isFinite(raw)))
    return { value: null, display: '—' };
  if (typeof raw !== 'number') return { value: String(raw), display: String(raw) };
  if (field.startsWith('DAYS_')) {
    const years = Math.round((Math.abs(raw) / DAYS_PER_YEAR) * 10) / 10;
    return { value: years, display: `${years} years` };
  }
  return { value: raw, display: raw.toLocaleString('en-US', { maximumFractionDigits: 3 }) };
}

/** GET /v1/clients/:id body: the application's fields in business groups, labels from the model's dictionary. */
export function clientDetail(id: number, application: Record<string, unknown>, info?: ModelInfo) {
  const groups = new Map<
    GroupKey,
    { name: string; label: string; description: string; value: unknown; display: string }[]
  >((Object.keys(GROUP_LABELS) as GroupKey[]).map((k) => [k, []]));
  for (const [name, raw] of Object.entries(application)) {
    if (name === 'SK_ID_CURR' || name === 'TARGET') continue;
    const dict = info?.fieldInfo?.[name];
    groups.get(groupOf(name))!.push({
      name,
      label: dict?.label ?? name,
      description: dict?.description ?? '',
      ...valueOf(name, raw),
    });
  }
  return {
    id,
    groups: [...groups.entries()].map(([key, fields]) => ({ key, label: GROUP_LABELS[key], fields })),
  };
}
