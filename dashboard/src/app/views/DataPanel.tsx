// The client's descriptive data, grouped, with human labels and formatted values.
import type { ClientDetail } from '../api.js';
import { useI18n } from '../i18n.js';
import { formatField } from '../format-field.js';

export function DataPanel({ client }: { client: ClientDetail }) {
  const i18n = useI18n();
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
              {g.fields.map((f) => (
                <tr key={f.name}>
                  <th scope="row" title={f.description}>
                    {f.label}
                  </th>
                  <td>{formatField(f, i18n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
