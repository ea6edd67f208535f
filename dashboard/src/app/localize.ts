// Puts the advisor's language on what the API sends in English: group titles (by their stable key) and
// field labels (see field-labels.ts). Descriptions (tooltips) stay as the column dictionary wrote them.
import type { ClientDetail, Reason } from './api.js';
import { fieldLabel } from './field-labels.js';
import type { I18n, Key } from './i18n.js';

const GROUP_KEYS = new Set(['identity', 'family', 'income', 'credit', 'housing', 'history']);

export function localizeClient(client: ClientDetail, i18n: I18n): ClientDetail {
  return {
    ...client,
    groups: client.groups.map((g) => ({
      ...g,
      label: GROUP_KEYS.has(g.key) ? i18n.t(`group_${g.key}` as Key) : g.label,
      fields: g.fields.map((f) => ({ ...f, label: fieldLabel(f.name, f.label, i18n.lang) })),
    })),
  };
}

export const localizeReasons = (reasons: Reason[], i18n: I18n): Reason[] =>
  reasons.map((r) => ({ ...r, label: fieldLabel(r.field, r.label, i18n.lang) }));

/**
 * Contributions are log-odds. Near the client's risk p, a change of c in log-odds moves the risk by about
 * c * p * (1 - p): that is the number of percentage points shown, and the word an advisor reads.
 */
export function riskPoints(contribution: number, probability: number): number {
  return Math.abs(contribution) * probability * (1 - probability) * 100;
}

export function strength(points: number): 'strong' | 'moderate' | 'slight' {
  return points >= 5 ? 'strong' : points >= 1.5 ? 'moderate' : 'slight';
}
