// Where the risk comes from: the explanation summed by source of data (risk-sources.ts), as diverging
// bars with their points in words, so that the movement the top reasons leave out is accounted for.
import type { Explanation } from '../api.js';
import { useI18n } from '../i18n.js';
import { NEGLIGIBLE_CONTRIBUTION, riskPoints } from '../localize.js';
import { contributionsBySource } from '../risk-sources.js';

export function RiskSources({ explanation, slope }: { explanation: Explanation; slope: number }) {
  const { t, num, pct } = useI18n();
  const sources = contributionsBySource(explanation.contributions).filter(
    (s) => Math.abs(s.contribution) >= NEGLIGIBLE_CONTRIBUTION,
  );
  if (sources.length === 0) return null;
  const scale = Math.max(...sources.map((s) => Math.abs(s.contribution)));
  const width = (c: number) => `${(Math.abs(c) / scale) * 100}%`;
  return (
    <section aria-labelledby="sources-title" class="sources">
      <h3 id="sources-title">{t('sourcesTitle')}</h3>
      <p>
        {t('sourcesIntro', {
          b: pct(explanation.baseline.probability),
          p: pct(explanation.output.probability),
        })}
      </p>
      <div class="diverging">
        {sources.map((s) => {
          const points = `${num(riskPoints(s.contribution, slope), 1)} pt`;
          return (
            <div class="row" key={s.key} data-source={s.key}>
              <span class="name">
                {t(`source_${s.key}` as const)}{' '}
                <span class="muted">
                  ({s.fields === 1 ? t('sourceOneField') : t('sourceFields', { n: s.fields })})
                </span>
              </span>
              <span class="left">
                {s.contribution < 0 ? (
                  <span class="bar lowers" style={{ width: width(s.contribution) }}>
                    ▼ {points}
                  </span>
                ) : null}
              </span>
              <span class="right">
                {s.contribution > 0 ? (
                  <span class="bar raises" style={{ width: width(s.contribution) }}>
                    ▲ {points}
                  </span>
                ) : null}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
