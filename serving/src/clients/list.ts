import { z } from 'zod';
import type { Decision } from '../deps.js';

/** One row of GET /v1/clients (age in years; null when the application lacks the field). */
export interface ClientSummary {
  id: number;
  age: number | null;
  income: number | null;
  credit: number | null;
  annuity: number | null;
  contractType: string | null;
  familyStatus: string | null;
  education: string | null;
}

export interface ListedClient extends ClientSummary {
  probability: number;
  decision: Decision;
}

const num = z.coerce.number();
export const listQuery = z
  .object({
    ageMin: num.optional(),
    ageMax: num.optional(),
    incomeMin: num.optional(),
    incomeMax: num.optional(),
    creditMin: num.optional(),
    creditMax: num.optional(),
    scoreMin: num.min(0).max(1).optional(),
    scoreMax: num.min(0).max(1).optional(),
    contractType: z.string().max(100).optional(),
    familyStatus: z.string().max(100).optional(),
    education: z.string().max(100).optional(),
    decision: z.enum(['grant', 'refuse']).optional(),
    sort: z.enum(['id', 'age', 'income', 'credit', 'annuity', 'probability']).default('id'),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListQuery = z.output<typeof listQuery>;

const DAYS_PER_YEAR = 365.25;

/** Summary of an application row (Kaggle fields; DAYS_BIRTH is negative days). */
export function summarize(id: number, app: Record<string, unknown> | undefined): ClientSummary {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const days = n(app?.DAYS_BIRTH);
  return {
    id,
    age: days === null ? null : Math.floor(-days / DAYS_PER_YEAR),
    income: n(app?.AMT_INCOME_TOTAL),
    credit: n(app?.AMT_CREDIT),
    annuity: n(app?.AMT_ANNUITY),
    contractType: s(app?.NAME_CONTRACT_TYPE),
    familyStatus: s(app?.NAME_FAMILY_STATUS),
    education: s(app?.NAME_EDUCATION_TYPE),
  };
}

const within = (v: number | null, min?: number, max?: number) =>
  (min === undefined && max === undefined) ||
  (v !== null && (min === undefined || v >= min) && (max === undefined || v <= max));

const FILTER_KEYS = [
  'ageMin',
  'ageMax',
  'incomeMin',
  'incomeMax',
  'creditMin',
  'creditMax',
  'scoreMin',
  'scoreMax',
  'contractType',
  'familyStatus',
  'education',
  'decision',
] as const satisfies readonly (keyof ListQuery)[];

/** Sorted copies of one scored base, per sort key and order: a list call then only filters and pages. */
const sortedCache = new WeakMap<readonly ListedClient[], Map<string, readonly ListedClient[]>>();

function sortedBy(clients: readonly ListedClient[], key: ListQuery['sort'], order: ListQuery['order']) {
  let byKey = sortedCache.get(clients);
  if (!byKey) sortedCache.set(clients, (byKey = new Map()));
  const cacheKey = `${key} ${order}`;
  let sorted = byKey.get(cacheKey);
  if (!sorted) {
    const sign = order === 'asc' ? 1 : -1;
    sorted = [...clients].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
      return x === y ? a.id - b.id : sign * (x - y);
    });
    byKey.set(cacheKey, sorted);
  }
  return sorted;
}

/** The orders the dashboard opens with, sorted ahead of the first list call (one per macrotask). */
export const PRESORTED_ORDERS: readonly [ListQuery['sort'], ListQuery['order']][] = [
  ['id', 'asc'],
  ['probability', 'desc'],
  ['probability', 'asc'],
];
export const presort = (
  clients: readonly ListedClient[],
  key: ListQuery['sort'],
  order: ListQuery['order'],
) => void sortedBy(clients, key, order);

/** Filters, sorts (nulls last, ties by id) and pages; `clients` is every client with its probability and decision. */
export function listClients(clients: readonly ListedClient[], q: ListQuery) {
  const sorted = sortedBy(clients, q.sort, q.order);
  const filtered = FILTER_KEYS.some((k) => q[k] !== undefined);
  const kept = !filtered
    ? sorted
    : sorted.filter(
        (c) =>
          within(c.age, q.ageMin, q.ageMax) &&
          within(c.income, q.incomeMin, q.incomeMax) &&
          within(c.credit, q.creditMin, q.creditMax) &&
          within(c.probability, q.scoreMin, q.scoreMax) &&
          (q.contractType === undefined || c.contractType === q.contractType) &&
          (q.familyStatus === undefined || c.familyStatus === q.familyStatus) &&
          (q.education === undefined || c.education === q.education) &&
          (q.decision === undefined || c.decision === q.decision),
      );
  const start = (q.page - 1) * q.pageSize;
  return {
    items: kept.slice(start, start + q.pageSize),
    total: kept.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
