// The client's descriptive data, grouped, with human labels and formatted values.
import type { ClientDetail, Field } from '../api.js';
import { useI18n } from '../i18n.js';
import { formatField } from '../format-field.js';

/** Normalised building statistics (*_AVG/_MODE/_MEDI) and the 20 document flags fold into one row each. */
const folded = (name: string): 'building' | 'documents' | null =>
  /_(AVG|MODE|MEDI)$/.test(name) ? 'building' : /^FLAG_DOCUMENT_/.test(name) ? 'documents' : null;

export function DataPanel({ client }: { client: ClientDetail }) {
  const i18n = useI18n();
  const row = (f: Field) => (
    <tr key={f.name}>
      <th scope="row" title={f.description}>
        {f.label}
      </th>
      <td>{formatField(f, i18n)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{i18n.t('dataTitle')}</h2>
      <div class="groups">
        {client.groups.map((g) => (
          <table class="card data" key={g.key}>
            <caption>{g.label}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('field')}</th>
                <th scope="col">{i18n.t('value')}</th>
              </tr>
            </thead>
            <tbody>
              {g.fields.filter((f) => !folded(f.name)).map(row)}
              {(['building', 'documents'] as const).map((kind) => {
                const rest = g.fields.filter((f) => folded(f.name) === kind);
                if (rest.length === 0) return null;
                // Dozens of technical fields (mostly empty): one row that opens on demand.
                return (
                  <tr key={kind}>
                    <td colSpan={2}>
                      <details>
                        <summary>
                          {i18n.t(kind === 'building' ? 'buildingStats' : 'documents', { n: rest.length })}
                        </summary>
                        <table class="data nested">
                          <tbody>{rest.map(row)}</tbody>
                        </table>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
