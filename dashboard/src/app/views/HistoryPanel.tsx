// Override with a written justification (stored by the API) and the client's decision history.
import { useEffect, useState } from 'preact/hooks';
import { api, type Decision, type DecisionRecord, type Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { errorText } from '../api-errors.js';

/** The justification checked before sending (the API checks it again). */
const TOO_SHORT = Symbol('too short');

export function HistoryPanel({ id, score }: { id: number; score: Score }) {
  const i18n = useI18n();
  const { t, pct, date } = i18n;
  const [history, setHistory] = useState<DecisionRecord[] | null>(null);
  const [decision, setDecision] = useState<Decision>(score.decision === 'grant' ? 'refuse' : 'grant');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  // The failure itself (not its words), so switching language rewords it.
  const [error, setError] = useState<unknown>(null);
  const load = () => api.decisions(id).then(setHistory, (e: unknown) => setError(e));
  useEffect(() => void load(), [id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    if (text.trim().length < 10) return setError(TOO_SHORT);
    try {
      await api.override(id, decision, text.trim());
      setText('');
      setSaved(true);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="history-title">
      <h2 id="override-title">{t('overrideTitle')}</h2>
      <form class="card" onSubmit={submit} aria-labelledby="override-title">
        <fieldset>
          <legend>{t('overrideDecision')}</legend>
          {(['grant', 'refuse'] as const).map((d) => (
            <label class="check" key={d}>
              <input
                type="radio"
                name="override"
                value={d}
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
              {t(d)}
            </label>
          ))}
        </fieldset>
        <label for="justification">{t('justification')}</label>
        <textarea
          id="justification"
          rows={4}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'override-error' : undefined}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('saveOverride')}
        </button>
        {error ? (
          <p class="error" role="alert" id="override-error">
            {error === TOO_SHORT ? t('justificationShort') : t('error', { message: errorText(error, i18n) })}
          </p>
        ) : null}
        <p role="status">{saved ? t('overrideSaved') : ''}</p>
      </form>
      <h2 id="history-title">{t('historyTitle')}</h2>
      {history && history.length === 0 ? <p>{t('noHistory')}</p> : null}
      {history && history.length > 0 ? (
        <table class="card history">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('colRisk')}</th>
              <th scope="col">{t('by')}</th>
              <th scope="col">{t('justificationCol')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td>{date(h.at ?? h.createdAt)}</td>
                <td>
                  {h.kind === 'override' || h.kind === 'model' || h.kind === 'decision'
                    ? t(`kind_${h.kind}`)
                    : (h.kind ?? '—')}
                </td>
                <td>
                  <DecisionBadge decision={h.decision} />
                </td>
                <td>{pct(h.probability ?? null)}</td>
                <td>{h.user ?? '—'}</td>
                <td>{h.justification ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
