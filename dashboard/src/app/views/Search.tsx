// Find a client: by number, or with filters; a sortable, paged table of results.
import { useEffect, useState } from 'preact/hooks';
import { api, type ClientPage } from '../api.js';
import { useI18n, type Key } from '../i18n.js';
import { go } from '../route.js';
import { DecisionBadge } from '../components/DecisionBadge.js';
import { categoryLabel } from '../category-labels.js';
import { errorText } from '../api-errors.js';

const choices: Record<'contractType' | 'familyStatus' | 'education', string[]> = {
  contractType: ['Cash loans', 'Revolving loans'],
  familyStatus: ['Married', 'Single / not married', 'Civil marriage', 'Separated', 'Widow'],
  education: [
    'Secondary / secondary special',
    'Higher education',
    'Incomplete higher',
    'Lower secondary',
    'Academic degree',
  ],
};
const rangeFields: Key[] = [
  'ageMin',
  'ageMax',
  'incomeMin',
  'incomeMax',
  'creditMin',
  'creditMax',
  'scoreMin',
  'scoreMax',
];
type Filters = Record<string, string>;
// `sortable`: the API sorts by id|age|income|credit|annuity|probability only.
const columns: { key: string; label: Key; numeric: boolean; sortable: boolean }[] = [
  { key: 'id', label: 'colId', numeric: true, sortable: true },
  { key: 'age', label: 'colAge', numeric: true, sortable: true },
  { key: 'income', label: 'colIncome', numeric: true, sortable: true },
  { key: 'credit', label: 'colCredit', numeric: true, sortable: true },
  { key: 'contractType', label: 'colContract', numeric: false, sortable: false },
  { key: 'probability', label: 'colRisk', numeric: true, sortable: true },
  { key: 'decision', label: 'colDecision', numeric: false, sortable: false },
];
const pageSize = 20;
const saved = (): { filters: Filters; sort: string; order: 'asc' | 'desc'; page: number } =>
  JSON.parse(sessionStorage.getItem('search') ?? 'null') ?? {
    filters: {},
    sort: 'id',
    order: 'asc',
    page: 1,
  };

/** Turns the form's text fields into API query parameters (risk in % -> probability). */
function toQuery(filters: Filters): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = { ...filters };
  for (const k of ['scoreMin', 'scoreMax']) if (filters[k]) q[k] = String(Number(filters[k]) / 100);
  return q;
}

export function Search() {
  const i18n = useI18n();
  const { t, num, money, pct, lang } = i18n;
  const start = saved();
  const [draft, setDraft] = useState<Filters>(start.filters);
  const [query, setQuery] = useState(start);
  const [data, setData] = useState<ClientPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [clientId, setClientId] = useState('');

  // The query the shown rows answer: busy from the render that changes the query (not one effect later,
  // which would leave a frame with the new sort arrow over the old rows).
  const [answered, setAnswered] = useState<typeof query | null>(null);
  const loading = answered !== query && !error;

  useEffect(() => {
    sessionStorage.setItem('search', JSON.stringify(query));
    setError(null);
    // Two quick clicks on a column send two requests: only the answer to the latest one is shown,
    // otherwise a late "ascending" answer could land under a "descending" arrow.
    let current = true;
    api
      .clients({
        ...toQuery(query.filters),
        sort: query.sort,
        order: query.order,
        page: query.page,
        pageSize,
      })
      .then((d) => {
        if (!current) return;
        setData(d);
        setAnswered(query);
        performance.mark('search-ready');
      })
      .catch((e: unknown) => {
        if (!current) return;
        setError(e);
      });
    return () => {
      current = false;
    };
  }, [query]);

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const sortBy = (key: string) =>
    setQuery({
      ...query,
      sort: key,
      order: query.sort === key && query.order === 'asc' ? 'desc' : 'asc',
      page: 1,
    });
  const openClient = (id: number) => {
    performance.clearMarks('client-click');
    performance.mark('client-click');
    go(`#/clients/${id}/decision`);
  };

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('searchTitle')}</h1>
      <form
        class="card inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d+$/.test(clientId.trim())) openClient(Number(clientId.trim()));
        }}
      >
        <label for="client-id">{t('clientId')}</label>
        <input
          id="client-id"
          inputMode="numeric"
          pattern="[0-9]*"
          value={clientId}
          onInput={(e) => setClientId(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('open')}
        </button>
      </form>
      <form
        class="card"
        aria-labelledby="filters-title"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...query, filters: draft, page: 1 });
        }}
      >
        <h2 id="filters-title">{t('filters')}</h2>
        <div class="grid">
          {rangeFields.map((k) => (
            <div class="field" key={k}>
              <label for={`f-${k}`}>{t(k)}</label>
              <input
                id={`f-${k}`}
                name={k}
                type="number"
                min="0"
                value={draft[k] ?? ''}
                onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
              />
            </div>
          ))}
          {(Object.keys(choices) as (keyof typeof choices)[]).map((k) => (
            <div class="field" key={k}>
              <label for={`f-${k}`}>{t(k)}</label>
              <select
                id={`f-${k}`}
                name={k}
                value={draft[k] ?? ''}
                onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
              >
                <option value="">{t('any')}</option>
                {choices[k].map((v) => (
                  <option key={v} value={v}>
                    {categoryLabel(v, lang)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div class="field">
            <label for="f-decision">{t('decision')}</label>
            <select
              id="f-decision"
              name="decision"
              value={draft.decision ?? ''}
              onChange={(e) => setDraft({ ...draft, decision: e.currentTarget.value })}
            >
              <option value="">{t('any')}</option>
              <option value="grant">{t('grant')}</option>
              <option value="refuse">{t('refuse')}</option>
            </select>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              setQuery({ ...query, filters: {}, page: 1 });
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>
      {error ? (
        <p class="error" role="alert">
          {t('error', { message: errorText(error, i18n) })}
        </p>
      ) : null}
      <p role="status" id="results-status">
        {data && !loading ? t('results', { total: num(data.total), page: data.page, pages }) : t('loading')}
      </p>
      {data && data.items.length === 0 ? <p>{t('noResults')}</p> : null}
      {data && data.items.length > 0 ? (
        <div class="table-wrap">
          <table class="results" aria-busy={loading}>
            <caption class="sr-only">
              {t('results', { total: num(data.total), page: data.page, pages })}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    scope="col"
                    key={c.key}
                    class={c.numeric ? 'num' : undefined}
                    aria-sort={
                      query.sort === c.key ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    {c.sortable ? (
                      <button type="button" class="sort" onClick={() => sortBy(c.key)}>
                        {t(c.label)}
                        <span aria-hidden="true">
                          {query.sort === c.key ? (query.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                        </span>
                      </button>
                    ) : (
                      t(c.label)
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id}>
                  <td class="num">
                    <a
                      href={`#/clients/${r.id}/decision`}
                      onClick={(e) => {
                        e.preventDefault();
                        openClient(r.id);
                      }}
                    >
                      {r.id}
                    </a>
                  </td>
                  <td class="num">{r.age === null ? '—' : t('years', { n: num(r.age) })}</td>
                  <td class="num">{money(r.income)}</td>
                  <td class="num">{money(r.credit)}</td>
                  <td>{r.contractType ? categoryLabel(r.contractType, lang) : '—'}</td>
                  <td class="num">{pct(r.probability)}</td>
                  <td>{r.decision ? <DecisionBadge decision={r.decision} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label={t('results', { total: data?.total ?? 0, page: query.page, pages })}>
        <button
          type="button"
          disabled={query.page <= 1}
          onClick={() => setQuery({ ...query, page: query.page - 1 })}
        >
          ← {t('prev')}
        </button>
        <button
          type="button"
          disabled={query.page >= pages}
          onClick={() => setQuery({ ...query, page: query.page + 1 })}
        >
          {t('next')} →
        </button>
      </nav>
    </section>
  );
}
