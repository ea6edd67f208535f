// A one-page client summary to hand to the client; the print stylesheet hides the app's chrome.
import type { ClientDetail, Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { Gauge } from '../components/Gauge.js';
import { Reasons } from '../components/Reasons.js';
import { DataPanel } from './DataPanel.js';
import { logOddsSlope } from '../localize.js';
import { riskAndThreshold } from '../risk-and-threshold.js';

export function PrintView({ client, score }: { client: ClientDetail; score: Score }) {
  const i18n = useI18n();
  const { t, date } = i18n;
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
      <Reasons reasons={score.reasons} slope={logOddsSlope(score.probability)} max={5} />
      <DataPanel client={client} />
    </section>
  );
}
