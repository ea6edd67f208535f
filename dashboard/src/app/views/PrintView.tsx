// A one-page client summary to hand to the client; the print stylesheet hides the app's chrome.
import type { ClientDetail, Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { Gauge } from '../components/Gauge.js';
import { Reasons } from '../components/Reasons.js';
import { RiskSources } from '../components/RiskSources.js';
import { DataPanel } from './DataPanel.js';
import { localizeReasons } from '../localize.js';
import { useExplanation } from '../use-explanation.js';
import { riskAndThreshold } from '../risk-and-threshold.js';

export function PrintView({ client, score }: { client: ClientDetail; score: Score }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  // The whole explanation, for where the risk comes from; the summary prints without it if it fails.
  const { explanation, slope } = useExplanation(client.id, score);
  return (
    <section aria-labelledby="summary-title" class="summary">
      <h2 id="summary-title">{t('summaryTitle')}</h2>
      <p class="muted">{t('printedOn', { date: date(new Date().toISOString()) })}</p>
      <button type="button" class="primary no-print" onClick={() => window.print()}>
        {t('print')}
      </button>
      <div class="decision card">
        <Gauge score={score} />
        <p>
          {t(
            score.decision === 'grant' ? 'interpretGrant' : 'interpretRefuse',
            riskAndThreshold(i18n, score.probability, score.threshold),
          )}
        </p>
      </div>
      {/* With the explanation, the same reasons and points as the Decision tab (strongest fields first). */}
      <Reasons
        reasons={explanation ? localizeReasons(explanation.contributions.slice(0, 5), i18n) : score.reasons}
        slope={slope}
        max={5}
      />
      {explanation ? <RiskSources explanation={explanation} slope={slope} /> : null}
      <DataPanel client={client} />
    </section>
  );
}
