// What-if: change a few amounts, see the new score and reasons (nothing stored); counter-offer search.
import { useState } from 'preact/hooks';
import { api, type ClientDetail, type Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { numericValue } from '../format-field.js';
import { Reasons } from '../components/Reasons.js';
import { localizeReasons, logOddsSlope } from '../localize.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { findCounterOffer, type CounterOffer } from '../counter-offer.js';
import { errorText } from '../api-errors.js';

const editable = ['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'];

/** Amounts are edited in whole euros (the data has cents and float noise: 369853.627). */
const wholeEuros = (v: number | null): number | null => (v === null ? null : Math.round(v));

export function WhatIfPanel({ client, score }: { client: ClientDetail; score: Score }) {
  const i18n = useI18n();
  const { t, pct, money } = i18n;
  const all = client.groups.flatMap((g) => g.fields);
  const fields = editable.map((n) => all.find((f) => f.name === n)).filter((f) => f !== undefined);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, String(wholeEuros(numericValue(f)) ?? '')])),
  );
  const [result, setResult] = useState<Score | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [offer, setOffer] = useState<CounterOffer | null | undefined>(undefined);
  const [searching, setSearching] = useState(false);

  const simulate = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const changes: Record<string, number> = {};
    for (const f of fields) {
      const v = Number(values[f.name]);
      if (values[f.name] !== '' && Number.isFinite(v) && v !== wholeEuros(numericValue(f)))
        changes[f.name] = v;
    }
    try {
      setResult(await api.whatIf(client.id, changes));
    } catch (err) {
      setError(err);
    }
  };
  const credit = numericValue(all.find((f) => f.name === 'AMT_CREDIT'));
  const annuity = numericValue(all.find((f) => f.name === 'AMT_ANNUITY'));
  const searchOffer = async () => {
    if (credit === null || annuity === null) return;
    setSearching(true);
    try {
      setOffer(await findCounterOffer((changes) => api.whatIf(client.id, changes), credit, annuity));
    } catch (err) {
      setError(err);
    } finally {
      setSearching(false);
    }
  };

  return (
    <section aria-labelledby="whatif-title">
      <h2 id="whatif-title">{t('whatIfTitle')}</h2>
      <p>{t('whatIfIntro')}</p>
      <form class="card" onSubmit={simulate}>
        <div class="grid">
          {fields.map((f) => (
            <div class="field" key={f.name}>
              <label for={`w-${f.name}`}>{f.label}</label>
              <input
                id={`w-${f.name}`}
                name={f.name}
                type="number"
                min="0"
                step="any"
                value={values[f.name]}
                onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
              />
            </div>
          ))}
        </div>
        <button type="submit" class="primary">
          {t('simulate')}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {t('error', { message: errorText(error, i18n) })}
        </p>
      ) : null}
      <div aria-live="polite">
        {result ? (
          <div class="card">
            <p id="whatif-result">
              <strong>
                {t('newScore', {
                  p: pct(result.probability),
                  old: pct(score.probability),
                  d: t(result.decision),
                })}
              </strong>{' '}
              <DecisionBadge decision={result.decision} />
            </p>
            <Reasons
              reasons={localizeReasons(result.reasons, i18n)}
              slope={logOddsSlope(result.probability)}
              max={6}
            />
          </div>
        ) : null}
      </div>
      <section class="card" aria-labelledby="counter-title">
        <h3 id="counter-title">{t('counterTitle')}</h3>
        {score.decision === 'grant' ? (
          <p>{t('counterNotNeeded')}</p>
        ) : (
          <>
            <p>{t('counterIntro')}</p>
            <button type="button" onClick={searchOffer} disabled={searching || credit === null}>
              {t('counterFind')}
            </button>
            <p aria-live="polite" id="counter-result">
              {searching
                ? t('searching')
                : offer === null
                  ? t('counterNone', { min: money((credit ?? 0) * 0.1) })
                  : offer
                    ? t('counterFound', {
                        new: money(offer.credit),
                        old: money(credit),
                        // two decimals: the granted risk is often within 0.1 point of the threshold
                        p: pct(offer.score.probability, 2),
                        t: pct(offer.score.threshold, 2),
                        annuity: money(offer.annuity),
                      })
                    : ''}
            </p>
          </>
        )}
      </section>
    </section>
  );
}
