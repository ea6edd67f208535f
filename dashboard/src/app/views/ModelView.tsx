// Global view: the fields that weigh most in the model, in words.
import { useEffect, useState } from 'preact/hooks';
import { api, type ModelInfo } from '../api.js';
import { useI18n } from '../i18n.js';
import { fieldLabel } from '../field-labels.js';

export function ModelView() {
  const { t, pct, lang } = useI18n();
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
            <span class="name">{fieldLabel(g.field, g.label, lang)}</span>
            <span class="bar" style={{ width: `${(g.importance / max) * 60}%` }} aria-hidden="true" />
            {/* Relative to the strongest field; the API's AUC-drop sentence is for data scientists. */}
            <span class="muted">
              {t('importance', {
                s: t(
                  g.importance >= 0.5 * max ? 'strong' : g.importance >= 0.2 * max ? 'moderate' : 'slight',
                ),
              })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
