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
 * Contributions are log-odds: about 0.5 moves a 10 % risk to 15 %, 0.15 to about 11.5 %.
 * Words, not numbers, because an advisor reads "strong/slight", not logits.
 */
export function strength(contribution: number): 'strong' | 'moderate' | 'slight' {
  const a = Math.abs(contribution);
  return a >= 0.5 ? 'strong' : a >= 0.15 ? 'moderate' : 'slight';
}
