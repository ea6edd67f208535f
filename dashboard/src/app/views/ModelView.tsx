// Global view: the fields that weigh most in the model, in words.
import { useEffect, useState } from 'preact/hooks';
import { api, type ModelInfo } from '../api.js';
import { useI18n } from '../i18n.js';

export function ModelView() {
  const { t, pct, num } = useI18n();
  const [model, setModel] = useState<ModelInfo | null>(null);
  const [error, setError] = useState('');
  useEffect(() => void api.model().then(setModel, (e: Error) => setError(e.message)), []);
  if (error)
    return (
      <p class="error" role="alert">
        {t('error', { message: error })}
      </p>
    );
  if (!model) return <p role="status">{t('loading')}</p>;
  const top = [...model.globalImportance].sort((a, b) => b.importance - a.importance).slice(0, 12);
  const max = Math.max(1e-9, ...top.map((g) => g.importance));
  return (
    <section aria-labelledby="model-title">
      <h1 id="model-title">{t('modelTitle')}</h1>
      <p>
        {t('modelVersion', { v: model.version })} · {t('thresholdIs', { t: pct(model.threshold) })}
      </p>
      <p>{t('thresholdMeans')}</p>
      <p>{t('modelIntro')}</p>
      <ol class="importance card">
        {top.map((g) => (
          <li key={g.field}>
            <span class="name">{g.label}</span>
            <span class="bar" style={{ width: `${(g.importance / max) * 60}%` }} aria-hidden="true" />
            <span class="muted">{t('importance', { w: num(g.importance, 3) })}</span>
            {g.text ? <p>{g.text}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
