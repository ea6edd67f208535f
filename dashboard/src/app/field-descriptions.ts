// Descriptions of the client's fields (the tooltips of the data view), in the advisor's language. The
// API sends Kaggle's column dictionary (English); French uses the sentences here, written for an advisor.
// English keeps the API's text. A field with no French sentence gets no tooltip in French rather than an
// English one.
import { BUILDING_STATISTICS } from './field-labels.js';
import type { Lang } from './i18n.js';

const FR: Record<string, string> = {
  NAME_CONTRACT_TYPE:
    'Type de prêt demandé : prêt personnel (somme versée en une fois) ou crédit renouvelable.',
  CODE_GENDER: 'Genre du client.',
  FLAG_OWN_CAR: 'Le client possède-t-il une voiture ?',
  FLAG_OWN_REALTY: 'Le client est-il propriétaire d’une maison ou d’un appartement ?',
  CNT_CHILDREN: 'Nombre d’enfants du client.',
  AMT_INCOME_TOTAL: 'Revenu annuel du client.',
  AMT_CREDIT: 'Montant du crédit demandé.',
  AMT_ANNUITY: 'Annuité du prêt : somme à rembourser chaque année.',
  AMT_GOODS_PRICE: 'Pour un crédit à la consommation, prix du bien financé par le prêt.',
  NAME_TYPE_SUITE: 'Personne qui accompagnait le client lors de sa demande de prêt.',
  NAME_INCOME_TYPE: 'Type de revenu du client (salarié, chef d’entreprise, congé maternité…).',
  NAME_EDUCATION_TYPE: 'Plus haut niveau d’études atteint par le client.',
  NAME_FAMILY_STATUS: 'Situation familiale du client.',
  NAME_HOUSING_TYPE: 'Situation de logement du client (locataire, chez ses parents…).',
  REGION_POPULATION_RELATIVE:
    'Population normalisée de la région où vit le client (plus la valeur est élevée, plus la région est peuplée).',
  DAYS_BIRTH: 'Âge du client au moment de la demande.',
  DAYS_EMPLOYED: 'Depuis combien de temps, à la date de la demande, le client occupe son emploi actuel.',
  DAYS_REGISTRATION: 'Temps écoulé entre le dernier changement d’enregistrement du client et la demande.',
  DAYS_ID_PUBLISH:
    'Temps écoulé entre le changement de la pièce d’identité présentée pour la demande et la demande.',
  OWN_CAR_AGE: 'Âge de la voiture du client.',
  FLAG_MOBIL: 'Le client a-t-il donné un numéro de téléphone mobile ?',
  FLAG_EMP_PHONE: 'Le client a-t-il donné le numéro de téléphone de son employeur ?',
  FLAG_WORK_PHONE: 'Le client a-t-il donné un numéro de téléphone professionnel ?',
  FLAG_CONT_MOBILE: 'Le téléphone mobile du client était-il joignable ?',
  FLAG_PHONE: 'Le client a-t-il donné un numéro de téléphone fixe ?',
  FLAG_EMAIL: 'Le client a-t-il donné une adresse e-mail ?',
  OCCUPATION_TYPE: 'Profession du client.',
  CNT_FAM_MEMBERS: 'Nombre de personnes dans le foyer du client.',
  REGION_RATING_CLIENT: 'Note de la banque pour la région où vit le client (1, 2 ou 3).',
  REGION_RATING_CLIENT_W_CITY:
    'Note de la banque pour la région où vit le client, compte tenu de la ville (1, 2 ou 3).',
  WEEKDAY_APPR_PROCESS_START: 'Jour de la semaine où le client a fait sa demande de prêt.',
  HOUR_APPR_PROCESS_START: 'Heure approximative à laquelle le client a fait sa demande de prêt.',
  REG_REGION_NOT_LIVE_REGION:
    'L’adresse déclarée du client diffère-t-elle de son adresse de contact ? (à l’échelle de la région)',
  REG_REGION_NOT_WORK_REGION:
    'L’adresse déclarée du client diffère-t-elle de son adresse professionnelle ? (à l’échelle de la région)',
  LIVE_REGION_NOT_WORK_REGION:
    'L’adresse de contact du client diffère-t-elle de son adresse professionnelle ? (à l’échelle de la région)',
  REG_CITY_NOT_LIVE_CITY:
    'L’adresse déclarée du client diffère-t-elle de son adresse de contact ? (à l’échelle de la ville)',
  REG_CITY_NOT_WORK_CITY:
    'L’adresse déclarée du client diffère-t-elle de son adresse professionnelle ? (à l’échelle de la ville)',
  LIVE_CITY_NOT_WORK_CITY:
    'L’adresse de contact du client diffère-t-elle de son adresse professionnelle ? (à l’échelle de la ville)',
  ORGANIZATION_TYPE: 'Type d’organisation où travaille le client.',
  EXT_SOURCE_1: 'Score normalisé fourni par une source de données externe (entre 0 et 1).',
  EXT_SOURCE_2: 'Score normalisé fourni par une source de données externe (entre 0 et 1).',
  EXT_SOURCE_3: 'Score normalisé fourni par une source de données externe (entre 0 et 1).',
  OBS_30_CNT_SOCIAL_CIRCLE:
    'Nombre de personnes de l’entourage du client dont on peut observer un éventuel retard de paiement de 30 jours.',
  DEF_30_CNT_SOCIAL_CIRCLE:
    'Nombre de personnes de l’entourage du client en défaut de paiement (retard de 30 jours).',
  OBS_60_CNT_SOCIAL_CIRCLE:
    'Nombre de personnes de l’entourage du client dont on peut observer un éventuel retard de paiement de 60 jours.',
  DEF_60_CNT_SOCIAL_CIRCLE:
    'Nombre de personnes de l’entourage du client en défaut de paiement (retard de 60 jours).',
  DAYS_LAST_PHONE_CHANGE: 'Temps écoulé entre le dernier changement de téléphone du client et la demande.',
  TOTALAREA_MODE: 'Surface totale de l’immeuble où vit le client (valeur normalisée).',
  FONDKAPREMONT_MODE: 'Compte sur lequel l’immeuble où vit le client constitue son fonds de travaux.',
  HOUSETYPE_MODE: 'Type de bâtiment où vit le client (immeuble collectif, maison mitoyenne…).',
  WALLSMATERIAL_MODE: 'Matériau des murs de l’immeuble où vit le client.',
  EMERGENCYSTATE_MODE: 'L’immeuble où vit le client est-il déclaré en état de péril ?',
};

/** Credit bureau enquiries (AMT_REQ_CREDIT_BUREAU_*): the window before the application they count. */
const ENQUIRY_WINDOWS: Record<string, string> = {
  HOUR: 'dans l’heure précédant la demande',
  DAY: 'dans la journée précédant la demande (hors dernière heure)',
  WEEK: 'dans la semaine précédant la demande (hors dernier jour)',
  MON: 'dans le mois précédant la demande (hors dernière semaine)',
  QRT: 'dans les 3 mois précédant la demande (hors dernier mois)',
  YEAR: 'dans l’année précédant la demande (hors 3 derniers mois)',
};

function frenchDescription(name: string): string | undefined {
  const known = FR[name];
  if (known) return known;
  const building = /_(AVG|MODE|MEDI)$/.exec(name);
  if (building)
    return `Information normalisée sur l’immeuble où vit le client (${BUILDING_STATISTICS[building[1]!]!.fr}) : taille des logements, parties communes, surface habitable, âge de l’immeuble, ascenseurs, entrées, étages.`;
  const doc = /^FLAG_DOCUMENT_(\d+)$/.exec(name);
  if (doc) return `Le client a-t-il fourni le document n° ${doc[1]} ?`;
  const enquiries = /^AMT_REQ_CREDIT_BUREAU_([A-Z]+)$/.exec(name);
  const window = enquiries && ENQUIRY_WINDOWS[enquiries[1]!];
  if (window) return `Nombre de consultations du fichier de crédit au sujet du client ${window}.`;
  return undefined;
}

/** The tooltip of a field: the API's text in English, the French sentence (or none) in French. */
export function fieldDescription(
  name: string,
  apiDescription: string | undefined,
  lang: Lang,
): string | undefined {
  if (lang === 'en') return apiDescription || undefined;
  return frenchDescription(name);
}
