// Main reasons for and against: a diverging bar chart (▲ right = raises the risk, ▼ left = lowers it,
// told by words and shape, not colour alone) and the same reasons as sentences.
import type { Reason } from '../api.js';
import { useI18n } from '../i18n.js';

export function Reasons({ reasons, max = 8 }: { reasons: Reason[]; max?: number }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  // Contributions under 0.05 point say nothing to an advisor; they are left out.
  const top = reasons
    .filter((r) => Math.abs(r.contribution) >= 0.0005)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, max);
  const scale = Math.max(1e-9, ...top.map((r) => Math.abs(r.contribution)));
  const points = (r: Reason) => num(Math.abs(r.contribution) * 100, 1);
  const sentence = (r: Reason) =>
    r.text ?? t(r.direction === 'raises' ? 'reasonRaises' : 'reasonLowers', { label: r.label, c: points(r) });
  return (
    <section aria-labelledby="reasons-title" class="reasons">
      <h2 id="reasons-title">{t('reasonsTitle')}</h2>
      <p>{t('reasonsIntro')}</p>
      <div class="diverging" aria-hidden="true">
        {top.map((r) => (
          <div class="row" key={r.field}>
            <span class="name">{r.label}</span>
            <span class="left">
              {r.direction === 'lowers' ? (
                <span class="bar lowers" style={{ width: `${(Math.abs(r.contribution) / scale) * 100}%` }}>
                  ▼ {points(r)}
                </span>
              ) : null}
            </span>
            <span class="right">
              {r.direction === 'raises' ? (
                <span class="bar raises" style={{ width: `${(Math.abs(r.contribution) / scale) * 100}%` }}>
                  ▲ {points(r)}
                </span>
              ) : null}
            </span>
          </div>
        ))}
      </div>
      <div class="columns">
        <div>
          <h3>{t('against')}</h3>
          <ul class="sentences">
            {top
              .filter((r) => r.direction === 'raises')
              .map((r) => (
                <li key={r.field}>
                  <span aria-hidden="true">▲ </span>
                  {sentence(r)}
                </li>
              ))}
          </ul>
        </div>
        <div>
          <h3>{t('for')}</h3>
          <ul class="sentences">
            {top
              .filter((r) => r.direction === 'lowers')
              .map((r) => (
                <li key={r.field}>
                  <span aria-hidden="true">▼ </span>
                  {sentence(r)}
                </li>
              ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
