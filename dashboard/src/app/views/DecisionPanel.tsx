// The decision: gauge with threshold, grant/refuse, what it means in plain words, and the reasons.
import { useEffect, useState } from 'preact/hooks';
import { api, type Explanation, type Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { Gauge } from '../components/Gauge.js';
import { Reasons } from '../components/Reasons.js';
import { RiskSources } from '../components/RiskSources.js';
import { localizeReasons } from '../localize.js';
import { riskAndThreshold } from '../risk-and-threshold.js';
import { useExplanation } from '../use-explanation.js';

/** Strongest fields on each side: the score's top 5 can all push the same way. */
const PER_SIDE = 5;

export function DecisionPanel({ id, score }: { id: number; score: Score }) {
  const i18n = useI18n();
  const { t, pct } = i18n;
  const [rank, setRank] = useState<number | null>(null);
  // The full explanation (every field, the reference risk) refines the score's top reasons when it comes.
  const { explanation, slope } = useExplanation(id, score);
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
  // The strongest fields raising and lowering the risk: the ones the chart and the sentences show.
  const strongest = (e: Explanation) => [
    ...e.contributions.filter((c) => c.contribution > 0).slice(0, PER_SIDE),
    ...e.contributions.filter((c) => c.contribution < 0).slice(0, PER_SIDE),
  ];
  // Hundreds of fields each move the risk a little: say how much the ones not listed move it together.
  const othersSentence = (e: Explanation) => {
    const shown = new Set(strongest(e));
    const rest = e.contributions.filter((c) => !shown.has(c));
    const points = rest.reduce((sum, c) => sum + c.contribution, 0) * slope * 100;
    return t(points >= 0 ? 'othersRaise' : 'othersLower', {
      n: rest.length,
      c: i18n.num(Math.abs(points), 1),
    });
  };
  const { p, t: th } = riskAndThreshold(i18n, score.probability, score.threshold);
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
      <Reasons
        reasons={explanation ? localizeReasons(strongest(explanation), i18n) : score.reasons}
        slope={slope}
        max={2 * PER_SIDE}
        intro={
          explanation
            ? `${t('baselineIntro', {
                b: pct(explanation.baseline.probability),
                p: pct(explanation.output.probability),
              })} ${othersSentence(explanation)}`
            : undefined
        }
      />
      {explanation ? <RiskSources explanation={explanation} slope={slope} /> : null}
    </section>
  );
}
