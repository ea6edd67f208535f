// Main reasons for and against: a diverging bar chart (▲ right = raises the risk, ▼ left = lowers it,
// told by words and shape, not colour alone) and the same reasons as sentences.
import type { Reason } from '../api.js';
import { useI18n } from '../i18n.js';
import { NEGLIGIBLE_CONTRIBUTION, riskPoints, strength } from '../localize.js';

export function Reasons({
  reasons,
  slope,
  max = 8,
  intro,
}: {
  reasons: Reason[];
  /** Risk per unit of log-odds (see logOddsSlope): turns contributions into percentage points. */
  slope: number;
  max?: number;
  /** A sentence under the title (the reference client's risk, when known). */
  intro?: string;
}) {
  const { t, num } = useI18n();
  const top = reasons
    .filter((r) => Math.abs(r.contribution) >= NEGLIGIBLE_CONTRIBUTION)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, max);
  const scale = Math.max(1e-9, ...top.map((r) => Math.abs(r.contribution)));
  const points = (r: Reason) => riskPoints(r.contribution, slope);
  const effect = (r: Reason) => t(strength(points(r)));
  // The API's own sentences are English with raw feature names: the dashboard writes its own.
  const sentence = (r: Reason) =>
    t(r.direction === 'raises' ? 'reasonRaises' : 'reasonLowers', {
      label: r.label,
      c: num(points(r), 1),
      s: effect(r),
    });
  const side = (direction: Reason['direction']) => {
    const items = top.filter((r) => r.direction === direction);
    if (items.length === 0) return <p class="muted">{t('noReason')}</p>;
    return (
      <ul class="sentences">
        {items.map((r) => (
          <li key={r.field}>
            <span aria-hidden="true">{direction === 'raises' ? '▲ ' : '▼ '}</span>
            {sentence(r)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <section aria-labelledby="reasons-title" class="reasons">
      <h2 id="reasons-title">{t('reasonsTitle')}</h2>
      {intro ? <p>{intro}</p> : null}
      <p>{t('reasonsIntro')}</p>
      <div class="diverging" aria-hidden="true">
        {top.map((r) => (
          <div class="row" key={r.field}>
            <span class="name">{r.label}</span>
            <span class="left">
              {r.direction === 'lowers' ? (
                <span class="bar lowers" style={{ width: `${(Math.abs(r.contribution) / scale) * 100}%` }}>
                  ▼ {num(points(r), 1)} pt
                </span>
              ) : null}
            </span>
            <span class="right">
              {r.direction === 'raises' ? (
                <span class="bar raises" style={{ width: `${(Math.abs(r.contribution) / scale) * 100}%` }}>
                  ▲ {num(points(r), 1)} pt
                </span>
              ) : null}
            </span>
          </div>
        ))}
      </div>
      <div class="columns">
        <div>
          <h3>{t('against')}</h3>
          {side('raises')}
        </div>
        <div>
          <h3>{t('for')}</h3>
          {side('lowers')}
        </div>
      </div>
    </section>
  );
}
