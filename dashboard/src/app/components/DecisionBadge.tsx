// Grant/refuse shown by a word and a symbol, not colour alone.
import type { Decision } from '../api.js';
import { useI18n } from '../i18n.js';

export function DecisionBadge({ decision }: { decision: Decision }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${decision}`}>
      <span aria-hidden="true">{decision === 'grant' ? '✔ ' : '✖ '}</span>
      {t(decision)}
    </span>
  );
}
