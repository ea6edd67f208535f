// The decision: gauge with threshold, grant/refuse, what it means in plain words, and the reasons.
import { useEffect, useState } from 'preact/hooks';
import { api, type Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { Gauge } from '../components/Gauge.js';
import { Reasons } from '../components/Reasons.js';

export function DecisionPanel({ score }: { score: Score }) {
  const { t, pct } = useI18n();
  const [rank, setRank] = useState<number | null>(null);
  useEffect(() => {
    // Share of clients with a lower risk: two counts from the list endpoint.
    Promise.all([
      api.clients({ pageSize: 1 }),
      api.clients({ pageSize: 1, scoreMax: String(score.probability) }),
    ])
      // The client counts itself among the "at or below" clients; floor so 99.7 % never reads 100 %.
      .then(([all, below]) =>
        setRank(all.total > 0 ? Math.floor((100 * Math.max(0, below.total - 1)) / all.total) / 100 : null),
      )
      .catch(() => setRank(null));
  }, [score.probability]);
  const p = pct(score.probability);
  const th = pct(score.threshold);
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{t('tabDecision')}</h2>
      <div class="decision card">
        <Gauge score={score} />
        <div class="interpretation">
          <p>{t(score.decision === 'grant' ? 'interpretGrant' : 'interpretRefuse', { p, t: th })}</p>
          {rank !== null ? <p>{t('rankAmong', { pct: pct(rank, 0) })}</p> : null}
          <p>{t('thresholdMeans')}</p>
          {score.modelVersion ? <p class="muted">{t('modelVersion', { v: score.modelVersion })}</p> : null}
        </div>
      </div>
      <Reasons reasons={score.reasons} probability={score.probability} />
    </section>
  );
}
