// Where the client stands: distributions (client marked, percentile in words) and a two-field scatter.
import { useEffect, useState } from 'preact/hooks';
import { api, type ClientDetail, type Comparison, type Population, type Scatter } from '../api.js';
import { useI18n, type Key } from '../i18n.js';
import { segmentSentence } from '../segment-sentence.js';
import { VegaChart } from '../components/VegaChart.js';
import { histogramSpec, scatterSpec } from '../charts.js';
import { compareInYears, isDays, scatterInYears } from '../compare-units.js';
import { formatNumberFor } from '../format-field.js';
import { errorText } from '../api-errors.js';

const preferred = ['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'DAYS_BIRTH', 'EXT_SOURCE_2'];
/** Fields worth comparing for an advisor (the client has ~120 numeric fields, most of them technical). */
const comparable = [
  'AMT_INCOME_TOTAL',
  'AMT_CREDIT',
  'AMT_ANNUITY',
  'AMT_GOODS_PRICE',
  'DAYS_BIRTH',
  'DAYS_EMPLOYED',
  'CNT_CHILDREN',
  'CNT_FAM_MEMBERS',
  'EXT_SOURCE_1',
  'EXT_SOURCE_2',
  'EXT_SOURCE_3',
  'OWN_CAR_AGE',
  'REGION_POPULATION_RELATIVE',
  'DAYS_REGISTRATION',
  'DAYS_ID_PUBLISH',
];

export function numericFields(client: ClientDetail): { name: string; label: string }[] {
  const all = client.groups.flatMap((g) => g.fields);
  return comparable.flatMap((name) => {
    const f = all.find((x) => x.name === name);
    return f && typeof f.value === 'number' ? [{ name, label: f.label }] : [];
  });
}

const POPULATION_LABEL: Record<Population, Key> = {
  all: 'popAll',
  similar: 'popSimilar',
  segment: 'popSegment',
};
const POPULATION_OF: Record<Population, Key> = {
  all: 'popAllOf',
  similar: 'popSimilarOf',
  segment: 'popSegmentOf',
};

export function ComparePanel({ client }: { client: ClientDetail }) {
  const i18n = useI18n();
  const { t, num, pct } = i18n;
  const fields = numericFields(client);
  const initial = preferred.filter((p) => fields.some((f) => f.name === p)).slice(0, 2);
  const [chosen, setChosen] = useState<string[]>(
    initial.length ? initial : fields.slice(0, 2).map((f) => f.name),
  );
  const [population, setPopulation] = useState<Population>('all');
  const [data, setData] = useState<Comparison | null>(null);
  const [x, setX] = useState(chosen[0] ?? '');
  const [y, setY] = useState(chosen[1] ?? chosen[0] ?? '');
  const [scatter, setScatter] = useState<Scatter | null>(null);
  const [error, setError] = useState<unknown>(null);
  const labelOf = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
  // Axis titles carry the unit when the API's days became years.
  const axisOf = (name: string) =>
    isDays(name)
      ? `${labelOf(name)} (${t('yearsUnit')})`
      : /^AMT_(?!REQ_)/.test(name)
        ? `${labelOf(name)} (€)`
        : labelOf(name);
  const popWord = t(POPULATION_OF[population]);

  useEffect(() => {
    if (chosen.length === 0) return setData(null);
    api.compare(client.id, chosen, population).then(
      (d) =>
        setData({ ...d, fields: d.fields.map((f) => ({ ...compareInYears(f), label: axisOf(f.field) })) }),
      (e: unknown) => setError(e),
    );
  }, [chosen.join(','), population, i18n]);
  useEffect(() => {
    if (!x || !y) return;
    api.scatter(client.id, x, y, population).then(
      (s) => setScatter(scatterInYears(s, x, y)),
      (e: unknown) => setError(e),
    );
  }, [x, y, population]);

  const toggle = (name: string) =>
    setChosen(chosen.includes(name) ? chosen.filter((c) => c !== name) : [...chosen, name]);

  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">{t('compareTitle')}</h2>
      <div class="card controls">
        <fieldset>
          <legend>{t('fieldsToCompare')}</legend>
          <div class="checks">
            {fields.map((f) => (
              <label key={f.name} class="check">
                <input type="checkbox" checked={chosen.includes(f.name)} onChange={() => toggle(f.name)} />
                {f.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('population')}</legend>
          {(['all', 'similar', 'segment'] as const).map((p) => (
            <label key={p} class="check">
              <input
                type="radio"
                name="population"
                value={p}
                checked={population === p}
                onChange={() => setPopulation(p)}
              />
              {t(POPULATION_LABEL[p])}
            </label>
          ))}
          {data ? (
            <p class="muted" id="population-size">
              {t('popSize', { n: num(data.size) })}
            </p>
          ) : null}
          {data?.segment ? (
            <p class="muted" id="segment-rules">
              {segmentSentence(data.segment, i18n)}
            </p>
          ) : null}
        </fieldset>
      </div>
      {error ? (
        <p class="error" role="alert">
          {t('error', { message: errorText(error, i18n) })}
        </p>
      ) : null}
      <div class="charts">
        {data?.fields.map((f) => {
          const sentence =
            f.clientValue === null || f.percentile === null
              ? t('noValue', { label: labelOf(f.field) })
              : t('percentile', {
                  label: labelOf(f.field),
                  value: formatNumberFor(f.field, f.clientValue, i18n),
                  pct: pct(f.percentile, 0),
                  pop: popWord,
                });
          return (
            <figure class="card" key={f.field}>
              <VegaChart
                spec={histogramSpec(f, { count: t('count'), client: t('clientMark') })}
                label={sentence}
              />
              <figcaption>{sentence}</figcaption>
            </figure>
          );
        })}
      </div>
      <section class="card" aria-labelledby="scatter-title">
        <h3 id="scatter-title">{t('scatterTitle')}</h3>
        <div class="inline">
          <label for="scatter-x">{t('xField')}</label>
          <select id="scatter-x" value={x} onChange={(e) => setX(e.currentTarget.value)}>
            {fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
          <label for="scatter-y">{t('yField')}</label>
          <select id="scatter-y" value={y} onChange={(e) => setY(e.currentTarget.value)}>
            {fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {scatter ? (
          <figure>
            <VegaChart
              spec={scatterSpec(scatter, axisOf(x), axisOf(y), {
                client: t('clientMark'),
                others: t('others'),
              })}
              label={t('scatterAlt', {
                n: num(scatter.points.length),
                x: labelOf(x),
                y: labelOf(y),
                cx: formatNumberFor(x, scatter.client.x, i18n),
                cy: formatNumberFor(y, scatter.client.y, i18n),
              })}
            />
            <figcaption>
              {t('scatterAlt', {
                n: num(scatter.points.length),
                x: labelOf(x),
                y: labelOf(y),
                cx: formatNumberFor(x, scatter.client.x, i18n),
                cy: formatNumberFor(y, scatter.client.y, i18n),
              })}
            </figcaption>
          </figure>
        ) : null}
      </section>
    </section>
  );
}
