// Human labels for fields, in the advisor's language. The API's labels are English: plain ones from
// recent bundles ("Loan amount"), Kaggle dictionary sentences or raw names ("PREV_AMT_ANNUITY_MEAN") from
// older ones. English uses the API's plain label; French (and English for older bundles) uses the short
// labels here; building statistics and history aggregates (history-labels.ts) are spelled out from their
// parts; anything else keeps the API's label.
import { categoryLabel } from './category-labels.js';
import { historyLabel } from './history-labels.js';
import type { Lang } from './i18n.js';

type Pair = { fr: string; en: string };

const FIELDS: Record<string, Pair> = {
  SK_ID_CURR: { fr: 'Numéro client', en: 'Client number' },
  CODE_GENDER: { fr: 'Genre', en: 'Gender' },
  DAYS_BIRTH: { fr: 'Âge', en: 'Age' },
  NAME_EDUCATION_TYPE: { fr: 'Niveau d’études', en: 'Education' },
  DAYS_ID_PUBLISH: { fr: 'Ancienneté de la pièce d’identité', en: 'Identity document age' },
  FLAG_MOBIL: { fr: 'Téléphone mobile fourni', en: 'Mobile phone given' },
  FLAG_EMP_PHONE: { fr: 'Téléphone professionnel fourni', en: 'Work phone given' },
  FLAG_WORK_PHONE: { fr: 'Téléphone au travail fourni', en: 'Phone at work given' },
  FLAG_CONT_MOBILE: { fr: 'Mobile joignable', en: 'Mobile reachable' },
  FLAG_PHONE: { fr: 'Téléphone fixe fourni', en: 'Home phone given' },
  FLAG_EMAIL: { fr: 'E-mail fourni', en: 'E-mail given' },
  NAME_FAMILY_STATUS: { fr: 'Situation familiale', en: 'Family status' },
  CNT_CHILDREN: { fr: 'Nombre d’enfants', en: 'Number of children' },
  CNT_FAM_MEMBERS: { fr: 'Personnes dans le foyer', en: 'People in the household' },
  AMT_INCOME_TOTAL: { fr: 'Revenu annuel', en: 'Yearly income' },
  NAME_INCOME_TYPE: { fr: 'Type de revenu', en: 'Income type' },
  OCCUPATION_TYPE: { fr: 'Profession', en: 'Occupation' },
  ORGANIZATION_TYPE: { fr: 'Secteur de l’employeur', en: 'Employer’s sector' },
  DAYS_EMPLOYED: { fr: 'Ancienneté dans l’emploi', en: 'Time in current job' },
  AMT_CREDIT: { fr: 'Montant du crédit', en: 'Credit amount' },
  AMT_ANNUITY: { fr: 'Annuité', en: 'Annuity' },
  AMT_GOODS_PRICE: { fr: 'Prix du bien financé', en: 'Price of the goods' },
  NAME_CONTRACT_TYPE: { fr: 'Type de contrat', en: 'Contract type' },
  NAME_TYPE_SUITE: { fr: 'Accompagné lors de la demande', en: 'Accompanied when applying' },
  EXT_SOURCE_1: { fr: 'Score externe 1', en: 'External score 1' },
  EXT_SOURCE_2: { fr: 'Score externe 2', en: 'External score 2' },
  EXT_SOURCE_3: { fr: 'Score externe 3', en: 'External score 3' },
  NAME_HOUSING_TYPE: { fr: 'Type de logement', en: 'Housing type' },
  FLAG_OWN_CAR: { fr: 'Possède une voiture', en: 'Owns a car' },
  FLAG_OWN_REALTY: { fr: 'Propriétaire d’un bien immobilier', en: 'Owns real estate' },
  OWN_CAR_AGE: { fr: 'Âge de la voiture', en: 'Age of the car' },
  DAYS_REGISTRATION: { fr: 'Ancienneté de l’enregistrement', en: 'Time since registration change' },
  REGION_POPULATION_RELATIVE: { fr: 'Densité de population de la région', en: 'Population of the region' },
  REGION_RATING_CLIENT: { fr: 'Note de la région', en: 'Rating of the region' },
  REGION_RATING_CLIENT_W_CITY: { fr: 'Note de la région et de la ville', en: 'Rating of region and city' },
  DAYS_LAST_PHONE_CHANGE: { fr: 'Dernier changement de téléphone', en: 'Last phone change' },
  HOUR_APPR_PROCESS_START: { fr: 'Heure de la demande', en: 'Hour of the application' },
  WEEKDAY_APPR_PROCESS_START: { fr: 'Jour de la demande', en: 'Day of the application' },
  OBS_30_CNT_SOCIAL_CIRCLE: { fr: 'Proches suivis (30 j)', en: 'People around observed (30 d)' },
  DEF_30_CNT_SOCIAL_CIRCLE: { fr: 'Proches en défaut (30 j)', en: 'People around in default (30 d)' },
  OBS_60_CNT_SOCIAL_CIRCLE: { fr: 'Proches suivis (60 j)', en: 'People around observed (60 d)' },
  DEF_60_CNT_SOCIAL_CIRCLE: { fr: 'Proches en défaut (60 j)', en: 'People around in default (60 d)' },
  REG_REGION_NOT_LIVE_REGION: {
    fr: 'Adresse déclarée ≠ région de résidence',
    en: 'Registered ≠ living region',
  },
  REG_REGION_NOT_WORK_REGION: { fr: 'Adresse déclarée ≠ région de travail', en: 'Registered ≠ work region' },
  LIVE_REGION_NOT_WORK_REGION: { fr: 'Résidence ≠ région de travail', en: 'Living ≠ work region' },
  REG_CITY_NOT_LIVE_CITY: { fr: 'Adresse déclarée ≠ ville de résidence', en: 'Registered ≠ living city' },
  REG_CITY_NOT_WORK_CITY: { fr: 'Adresse déclarée ≠ ville de travail', en: 'Registered ≠ work city' },
  LIVE_CITY_NOT_WORK_CITY: { fr: 'Résidence ≠ ville de travail', en: 'Living ≠ work city' },
  AMT_REQ_CREDIT_BUREAU_HOUR: {
    fr: 'Consultations du fichier de crédit (heure)',
    en: 'Credit bureau enquiries (hour)',
  },
  AMT_REQ_CREDIT_BUREAU_DAY: {
    fr: 'Consultations du fichier de crédit (jour)',
    en: 'Credit bureau enquiries (day)',
  },
  AMT_REQ_CREDIT_BUREAU_WEEK: {
    fr: 'Consultations du fichier de crédit (semaine)',
    en: 'Credit bureau enquiries (week)',
  },
  AMT_REQ_CREDIT_BUREAU_MON: {
    fr: 'Consultations du fichier de crédit (mois)',
    en: 'Credit bureau enquiries (month)',
  },
  AMT_REQ_CREDIT_BUREAU_QRT: {
    fr: 'Consultations du fichier de crédit (trimestre)',
    en: 'Credit bureau enquiries (quarter)',
  },
  AMT_REQ_CREDIT_BUREAU_YEAR: {
    fr: 'Consultations du fichier de crédit (année)',
    en: 'Credit bureau enquiries (year)',
  },
  // Ratios built by the feature recipe (no dictionary entry).
  DAYS_EMPLOYED_PERC: { fr: 'Part de la vie en emploi', en: 'Share of life employed' },
  INCOME_CREDIT_PERC: { fr: 'Revenu / montant du crédit', en: 'Income / credit amount' },
  INCOME_PER_PERSON: { fr: 'Revenu par personne du foyer', en: 'Income per household member' },
  ANNUITY_INCOME_PERC: { fr: 'Annuité / revenu', en: 'Annuity / income' },
  PAYMENT_RATE: { fr: 'Taux de remboursement (annuité / crédit)', en: 'Payment rate (annuity / credit)' },
};

/** The optional "derived" group of the recipe (external scores combined, ratios to age and history). */
const DERIVED: Record<string, Pair> = {
  EXT_SOURCES_MEAN: { fr: 'Scores externes : moyenne', en: 'External scores: average' },
  EXT_SOURCES_MIN: { fr: 'Scores externes : le plus bas', en: 'External scores: lowest' },
  EXT_SOURCES_MAX: { fr: 'Scores externes : le plus haut', en: 'External scores: highest' },
  EXT_SOURCES_STD: { fr: 'Scores externes : écart entre eux', en: 'External scores: spread between them' },
  EXT_SOURCES_PROD: {
    fr: 'Scores externes : produit des trois',
    en: 'External scores: product of the three',
  },
  EXT_SOURCES_WEIGHTED: { fr: 'Scores externes : moyenne pondérée', en: 'External scores: weighted average' },
  CREDIT_TO_GOODS: { fr: 'Montant du crédit / prix du bien', en: 'Loan amount / price of the goods' },
  ID_PUBLISH_TO_BIRTH: {
    fr: 'Ancienneté de la pièce d’identité rapportée à l’âge',
    en: 'Identity document age relative to age',
  },
  PHONE_CHANGE_TO_BIRTH: {
    fr: 'Temps depuis le changement de téléphone rapporté à l’âge',
    en: 'Time since the phone change relative to age',
  },
  REGISTRATION_TO_BIRTH: {
    fr: 'Ancienneté de l’enregistrement rapportée à l’âge',
    en: 'Time since registration change relative to age',
  },
  CAR_AGE_TO_AGE: {
    fr: 'Âge de la voiture rapporté à l’âge du client',
    en: 'Age of the car relative to age',
  },
  DOCUMENT_COUNT: { fr: 'Nombre de documents fournis', en: 'Documents provided' },
  BURO_DEBT_TO_INCOME: {
    fr: 'Dette dans d’autres établissements / revenu',
    en: 'Debt at other institutions / income',
  },
  ACTIVE_DEBT_TO_CREDIT: {
    fr: 'Crédits en cours ailleurs : part du montant restant à rembourser',
    en: "Other institutions' active credits: share still owed",
  },
  ANNUITY_TO_PREV_ANNUITY: {
    fr: 'Annuité / annuité moyenne des demandes précédentes',
    en: 'Annuity / average annuity of previous applications',
  },
  CREDIT_TO_PREV_CREDIT: {
    fr: 'Montant du crédit / montant moyen des demandes précédentes',
    en: 'Loan amount / average amount of previous applications',
  },
  // The optional "loan-terms" group.
  LOAN_TERM_ESTIMATE: {
    fr: 'Nombre estimé de mensualités de ce crédit',
    en: 'Estimated number of monthly payments of this loan',
  },
  LOAN_RATE_ESTIMATE: {
    fr: 'Taux d’intérêt annuel estimé de ce crédit',
    en: 'Estimated yearly interest rate of this loan',
  },
};

/** Normalised statistics of the building the client lives in (APARTMENTS_AVG, ..._MODE, ..._MEDI). */
const BUILDING_MEASURES: Record<string, Pair> = {
  APARTMENTS: { fr: 'surface des appartements', en: 'apartment size' },
  BASEMENTAREA: { fr: 'surface du sous-sol', en: 'basement area' },
  YEARS_BEGINEXPLUATATION: { fr: 'années d’exploitation', en: 'years in use' },
  YEARS_BUILD: { fr: 'âge de l’immeuble', en: 'age of the building' },
  COMMONAREA: { fr: 'surface des parties communes', en: 'common area' },
  ELEVATORS: { fr: 'nombre d’ascenseurs', en: 'number of elevators' },
  ENTRANCES: { fr: 'nombre d’entrées', en: 'number of entrances' },
  FLOORSMAX: { fr: 'étage le plus haut', en: 'highest floor' },
  FLOORSMIN: { fr: 'étage le plus bas', en: 'lowest floor' },
  LANDAREA: { fr: 'surface du terrain', en: 'land area' },
  LIVINGAPARTMENTS: { fr: 'logements d’habitation', en: 'living apartments' },
  LIVINGAREA: { fr: 'surface habitable', en: 'living area' },
  NONLIVINGAPARTMENTS: { fr: 'locaux hors habitation', en: 'non-living apartments' },
  NONLIVINGAREA: { fr: 'surface hors habitation', en: 'non-living area' },
};
/** The statistic a building column's suffix names (also worded in field-descriptions.ts). */
export const BUILDING_STATISTICS: Record<string, Pair> = {
  AVG: { fr: 'moyenne', en: 'average' },
  MODE: { fr: 'valeur la plus fréquente', en: 'most common' },
  MEDI: { fr: 'médiane', en: 'median' },
};
const BUILDING_OTHERS: Record<string, Pair> = {
  TOTALAREA_MODE: { fr: 'Immeuble : surface totale (normalisée)', en: 'Building: total area (normalised)' },
  FONDKAPREMONT_MODE: { fr: 'Immeuble : fonds de travaux', en: 'Building: repair fund' },
  HOUSETYPE_MODE: { fr: 'Immeuble : type de bâtiment', en: 'Building: house type' },
  WALLSMATERIAL_MODE: { fr: 'Immeuble : matériau des murs', en: 'Building: wall material' },
  EMERGENCYSTATE_MODE: { fr: 'Immeuble : en état de péril', en: 'Building: in emergency state' },
};

/** "Immeuble : surface habitable (médiane, normalisée)", or undefined for any other name. */
export function buildingLabel(name: string, lang: Lang): string | undefined {
  const other = BUILDING_OTHERS[name];
  if (other) return other[lang];
  const m = /^([A-Z_]+)_(AVG|MODE|MEDI)$/.exec(name);
  const measure = m && BUILDING_MEASURES[m[1]!];
  if (!m || !measure) return undefined;
  const stat = BUILDING_STATISTICS[m[2]!]!;
  // moyenne, médiane, valeur: all feminine.
  return lang === 'fr'
    ? `Immeuble : ${measure.fr} (${stat.fr}, normalisée)`
    : `Building: ${stat.en} ${measure.en} (normalised)`;
}

/** Kaggle dictionary sentences used as labels by older bundles ("Client's age in days at the time of..."). */
const DICTIONARY_WORDING = /\b(in days|at the time of application|of the client)\b/i;

/** "AMT_DOWN_PAYMENT" -> "amt down payment"; category values (after the column) keep their case. */
const plain = (s: string): string => s.replace(/_/g, ' ').replace(/\b[A-Z]{2,}\b/g, (w) => w.toLowerCase());

/** A one-hot application feature ("NAME_EDUCATION_TYPE_Higher education"): its column and category. */
function oneHotLabel(name: string, lang: Lang): string | undefined {
  const columns = { ...FIELDS, ...BUILDING_OTHERS };
  const column = Object.keys(columns)
    .filter((c) => name.startsWith(`${c}_`))
    .sort((a, b) => b.length - a.length)[0];
  if (!column) return undefined;
  const value = name.slice(column.length + 1);
  const words = columns[column]![lang];
  if (value === 'nan') return lang === 'fr' ? `${words} : non renseigné` : `${words}: not given`;
  return lang === 'fr' ? `${words} : « ${categoryLabel(value, 'fr')} »` : `${words}: "${value}"`;
}

/** The label to show for a field (or feature) name, given the API's label. */
export function fieldLabel(name: string, apiLabel: string | undefined, lang: Lang): string {
  // In English the model's own label is best when it has one (bundles now carry a plain label for every
  // feature: "Other institutions' credits: average age of credit (years)"); older bundles send raw names.
  if (lang === 'en' && apiLabel && apiLabel !== name && !DICTIONARY_WORDING.test(apiLabel)) return apiLabel;
  const known = FIELDS[name] ?? DERIVED[name];
  if (known) return known[lang];
  const doc = /^FLAG_DOCUMENT_(\d+)$/.exec(name);
  if (doc) return lang === 'fr' ? `Document ${doc[1]} fourni` : `Document ${doc[1]} provided`;
  const words = buildingLabel(name, lang) ?? historyLabel(name, lang) ?? oneHotLabel(name, lang);
  if (words) return words;
  return apiLabel && apiLabel !== name ? apiLabel : plain(name);
}
