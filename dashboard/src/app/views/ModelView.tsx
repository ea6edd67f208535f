// Global view: the fields that weigh most in the model, in words.
import { useEffect, useState } from 'preact/hooks';
import { api, type ModelInfo } from '../api.js';
import { useI18n } from '../i18n.js';
import { fieldLabel } from '../field-labels.js';
import { errorText } from '../api-errors.js';

export function ModelView() {
  const i18n = useI18n();
  const { t, pct, lang } = i18n;
  const [model, setModel] = useState<ModelInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void api.model().then(setModel, (e: unknown) => setError(e)), []);
  if (error)
    return (
      <p class="error" role="alert">
        {t('error', { message: errorText(error, i18n) })}
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
        {top.map((g, i) => (
          <li key={g.field}>
            {/* grid rows lose the list marker: the rank is written (the <ol> still tells screen readers) */}
            <span class="name">
              <span aria-hidden="true">{i + 1}. </span>
              {fieldLabel(g.field, g.label, lang)}
            </span>
            <span class="track" aria-hidden="true">
              <span class="bar" style={{ width: `${(g.importance / max) * 100}%` }} />
            </span>
            {/* Relative to the strongest field; the API's AUC-drop sentence is for data scientists. */}
            <span class="muted">{t('importance', { w: pct(g.importance / max, 0) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
