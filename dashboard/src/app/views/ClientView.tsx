// One client: loads its data and score together, then shows the chosen tab.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, type ClientDetail, type Score } from '../api.js';
import { useI18n, type Key } from '../i18n.js';
import type { Tab } from '../route.js';
import { DecisionPanel } from './DecisionPanel.js';
import { DataPanel } from './DataPanel.js';
import { ComparePanel } from './ComparePanel.js';
import { WhatIfPanel } from './WhatIfPanel.js';
import { HistoryPanel } from './HistoryPanel.js';
import { PrintView } from './PrintView.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { localizeClient, localizeReasons } from '../localize.js';
import { errorText } from '../api-errors.js';

const tabs: { tab: Tab; label: Key }[] = [
  { tab: 'decision', label: 'tabDecision' },
  { tab: 'data', label: 'tabData' },
  { tab: 'compare', label: 'tabCompare' },
  { tab: 'whatif', label: 'tabWhatIf' },
  { tab: 'history', label: 'tabHistory' },
  { tab: 'print', label: 'print' },
];

export function ClientView({ id, tab }: { id: number; tab: Tab }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [rawClient, setClient] = useState<ClientDetail | null>(null);
  const [rawScore, setScore] = useState<Score | null>(null);
  // Labels in the advisor's language (the API's are English).
  const client = useMemo(() => rawClient && localizeClient(rawClient, i18n), [rawClient, i18n]);
  const score = useMemo(
    () => rawScore && { ...rawScore, reasons: localizeReasons(rawScore.reasons, i18n) },
    [rawScore, i18n],
  );
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setClient(null);
    setScore(null);
    setError(null);
    Promise.all([api.client(id), api.score(id)])
      .then(([c, s]) => {
        setClient(c);
        setScore(s);
      })
      .catch((e: unknown) => setError(e));
  }, [id]);

  useEffect(() => {
    if (!client || !score) return;
    document.title = `${t('clientTitle', { id })} · ${t('appTitle')}`;
    // Marks the moment the client's view is on screen (measured from the click in the list).
    requestAnimationFrame(() => {
      // Move focus to the new page's heading so keyboard and screen-reader users land on it.
      document.getElementById('client-title')?.focus();
      performance.mark('client-ready');
      if (performance.getEntriesByName('client-click').length > 0)
        performance.measure('client-view', 'client-click', 'client-ready');
    });
  }, [rawClient, rawScore]);

  if (error)
    return (
      <p class="error" role="alert">
        {error instanceof ApiError && error.status === 404
          ? t('notFound', { id })
          : t('error', { message: errorText(error, i18n) })}
      </p>
    );
  if (!client || !score) return <p role="status">{t('loading')}</p>;
  return (
    <article aria-labelledby="client-title" class={`client tab-${tab}`}>
      <div class="client-head no-print">
        <a href="#/clients">← {t('back')}</a>
      </div>
      <h1 id="client-title" tabIndex={-1}>
        {t('clientTitle', { id })} <DecisionBadge decision={score.decision} />
      </h1>
      <nav class="tabs no-print" aria-label={t('clientTitle', { id })}>
        {tabs.map((x) => (
          <a key={x.tab} href={`#/clients/${id}/${x.tab}`} aria-current={x.tab === tab ? 'page' : undefined}>
            {t(x.label)}
          </a>
        ))}
      </nav>
      {tab === 'decision' ? <DecisionPanel id={id} score={score} /> : null}
      {tab === 'data' ? <DataPanel client={client} /> : null}
      {tab === 'compare' ? <ComparePanel client={client} /> : null}
      {tab === 'whatif' ? <WhatIfPanel client={client} score={score} /> : null}
      {tab === 'history' ? <HistoryPanel id={id} score={score} /> : null}
      {tab === 'print' ? <PrintView client={client} score={score} /> : null}
    </article>
  );
}
