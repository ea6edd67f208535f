// Puts the advisor's language on what the API sends in English: group titles (by their stable key), field
// labels (see field-labels.ts) and descriptions, the tooltips (field-descriptions.ts).
import type { ClientDetail, Reason } from './api.js';
import { fieldDescription } from './field-descriptions.js';
import { fieldLabel } from './field-labels.js';
import type { I18n, Key } from './i18n.js';

const GROUP_KEYS = new Set(['identity', 'family', 'income', 'credit', 'housing', 'history']);

export function localizeClient(client: ClientDetail, i18n: I18n): ClientDetail {
  return {
    ...client,
    groups: client.groups.map((g) => ({
      ...g,
      label: GROUP_KEYS.has(g.key) ? i18n.t(`group_${g.key}` as Key) : g.label,
      fields: g.fields.map((f) => ({
        ...f,
        label: fieldLabel(f.name, f.label, i18n.lang),
        description: fieldDescription(f.name, f.description, i18n.lang),
      })),
    })),
  };
}

export const localizeReasons = (reasons: Reason[], i18n: I18n): Reason[] =>
  reasons.map((r) => ({ ...r, label: fieldLabel(r.field, r.label, i18n.lang) }));

/**
 * Contributions are log-odds. Between the reference client's risk and this client's, the risk moves by
 * about `slope` per unit of log-odds (the secant of the logistic curve, at most 0.25); near one risk p
 * alone the slope is p * (1 - p). Points = |contribution| * slope * 100: what the bars and sentences show.
 */
export function logOddsSlope(
  p: number,
  base?: { probability: number; logit: number },
  logit?: number,
): number {
  if (base && logit !== undefined && Math.abs(logit - base.logit) > 1e-6)
    return (p - base.probability) / (logit - base.logit);
  return p * (1 - p);
}

/** Contributions (log-odds) under this say nothing to an advisor: reasons and sources leave them out. */
export const NEGLIGIBLE_CONTRIBUTION = 0.001;

export const riskPoints = (contribution: number, slope: number): number =>
  Math.abs(contribution) * slope * 100;

export function strength(points: number): 'strong' | 'moderate' | 'slight' {
  return points >= 5 ? 'strong' : points >= 1.5 ? 'moderate' : 'slight';
}
