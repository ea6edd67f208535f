// Override with a written justification (stored by the API) and the client's decision history.
import { useEffect, useState } from 'preact/hooks';
import { api, type Decision, type DecisionRecord, type Score } from '../api.js';
import { useI18n } from '../i18n.js';
import { DecisionBadge } from '../components/DecisionBadge.js';

export function HistoryPanel({ id, score }: { id: number; score: Score }) {
  const { t, pct, date } = useI18n();
  const [history, setHistory] = useState<DecisionRecord[] | null>(null);
  const [decision, setDecision] = useState<Decision>(score.decision === 'grant' ? 'refuse' : 'grant');
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = () => api.decisions(id).then(setHistory, (e: Error) => setError(e.message));
  useEffect(() => void load(), [id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setMessage('');
    setError('');
    if (text.trim().length < 10) return setError(t('justificationShort'));
    try {
      await api.override(id, decision, text.trim());
      setText('');
      setMessage(t('overrideSaved'));
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
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
            {error}
          </p>
        ) : null}
        <p role="status">{message}</p>
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
