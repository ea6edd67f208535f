import { describe, expect, it } from '@jest/globals';
import type { ClientDetail } from './api.js';
import { makeI18n } from './i18n.js';
import { localizeClient } from './localize.js';

/** A client as GET /v1/clients/:id sends it: English group titles, labels and dictionary descriptions. */
const client: ClientDetail = {
  id: 7,
  groups: [
    {
      key: 'housing',
      label: 'Housing and region',
      fields: [
        {
          name: 'LIVINGAREA_MEDI',
          label: 'Building: median living area (normalised)',
          description:
            'Normalized information about building where the client lives, What is average (_AVG suffix)…',
          value: 0.07,
        },
        {
          name: 'WALLSMATERIAL_MODE',
          label: 'Building: wall material',
          description: '',
          value: 'Stone, brick',
        },
      ],
    },
    {
      key: 'history',
      label: 'History and documents',
      fields: [
        {
          name: 'AMT_REQ_CREDIT_BUREAU_QRT',
          label: 'Credit bureau enquiries in the last quarter',
          description: 'Number of enquiries to Credit Bureau about the client 3 month before application',
          value: 1,
        },
      ],
    },
  ],
};

describe('the client view in the advisor’s language', () => {
  it('puts French titles, labels and tooltips on what the API sends in English', () => {
    const [housing, history] = localizeClient(client, makeI18n('fr')).groups;
    expect(housing!.label).toBe('Logement et région');
    expect(housing!.fields.map((f) => [f.label, f.description])).toEqual([
      [
        'Immeuble : surface habitable (médiane, normalisée)',
        'Information normalisée sur l’immeuble où vit le client (médiane) : taille des logements, parties communes, surface habitable, âge de l’immeuble, ascenseurs, entrées, étages.',
      ],
      ['Immeuble : matériau des murs', 'Matériau des murs de l’immeuble où vit le client.'],
    ]);
    expect(history!.fields[0]!.description).toBe(
      'Nombre de consultations du fichier de crédit au sujet du client dans les 3 mois précédant la demande (hors dernier mois).',
    );
  });

  it('keeps the API’s English labels and tooltips in English', () => {
    const [housing] = localizeClient(client, makeI18n('en')).groups;
    expect(housing!.fields[0]).toMatchObject({
      label: 'Building: median living area (normalised)',
      description: client.groups[0]!.fields[0]!.description,
    });
  });
});
