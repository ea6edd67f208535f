// Human labels for fields, in the advisor's language. The API's labels are English: plain ones from
// recent bundles ("Loan amount"), Kaggle dictionary sentences or raw names ("PREV_AMT_ANNUITY_MEAN") from
// older ones. English uses the API's plain label; French (and English for older bundles) uses the short
// labels here; history aggregates are spelled out from their parts; anything else keeps the API's label.
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
  // Parts of history aggregates (BURO_DAYS_CREDIT_MEAN...).
  DAYS_CREDIT: { fr: 'ancienneté du crédit', en: 'age of the credit' },
  DAYS_CREDIT_ENDDATE: { fr: 'échéance restante', en: 'time left to run' },
  DAYS_CREDIT_UPDATE: { fr: 'dernière mise à jour', en: 'last update' },
  CREDIT_DAY_OVERDUE: { fr: 'jours de retard', en: 'days overdue' },
  AMT_CREDIT_SUM: { fr: 'montant', en: 'amount' },
  AMT_CREDIT_SUM_DEBT: { fr: 'dette restante', en: 'remaining debt' },
  AMT_CREDIT_SUM_OVERDUE: { fr: 'montant en retard', en: 'amount overdue' },
  AMT_CREDIT_SUM_LIMIT: { fr: 'plafond', en: 'limit' },
  AMT_CREDIT_MAX_OVERDUE: { fr: 'plus grand retard (montant)', en: 'largest overdue amount' },
  CNT_CREDIT_PROLONG: { fr: 'prolongations', en: 'extensions' },
  AMT_APPLICATION: { fr: 'montant demandé', en: 'amount asked' },
  AMT_DOWN_PAYMENT: { fr: 'apport', en: 'down payment' },
  APP_CREDIT_PERC: { fr: 'accordé / demandé', en: 'granted / asked' },
  CNT_PAYMENT: { fr: 'nombre d’échéances', en: 'number of instalments' },
  DAYS_DECISION: { fr: 'ancienneté de la décision', en: 'time since decision' },
  DPD: { fr: 'jours de retard', en: 'days past due' },
  DBD: { fr: 'jours d’avance', en: 'days before due' },
  PAYMENT_PERC: { fr: 'part payée', en: 'share paid' },
  PAYMENT_DIFF: { fr: 'reste à payer', en: 'amount unpaid' },
  AMT_PAYMENT: { fr: 'montant payé', en: 'amount paid' },
  AMT_INSTALMENT: { fr: 'montant de l’échéance', en: 'instalment amount' },
  AMT_BALANCE: { fr: 'solde', en: 'balance' },
  // Ratios built by the feature recipe (no dictionary entry).
  DAYS_EMPLOYED_PERC: { fr: 'Part de la vie en emploi', en: 'Share of life employed' },
  INCOME_CREDIT_PERC: { fr: 'Revenu / montant du crédit', en: 'Income / credit amount' },
  INCOME_PER_PERSON: { fr: 'Revenu par personne du foyer', en: 'Income per household member' },
  ANNUITY_INCOME_PERC: { fr: 'Annuité / revenu', en: 'Annuity / income' },
  PAYMENT_RATE: { fr: 'Taux de remboursement (annuité / crédit)', en: 'Payment rate (annuity / credit)' },
};

/** History tables, by the prefix the feature recipe gives their aggregates. Longest prefix first. */
const SOURCES: [string, Pair][] = [
  ['BURO_', { fr: 'Crédits dans d’autres établissements', en: 'Credits at other institutions' }],
  ['ACTIVE_', { fr: 'Crédits en cours ailleurs', en: 'Active credits elsewhere' }],
  ['CLOSED_', { fr: 'Crédits clos ailleurs', en: 'Closed credits elsewhere' }],
  ['APPROVED_', { fr: 'Demandes précédentes accordées', en: 'Previous applications granted' }],
  ['REFUSED_', { fr: 'Demandes précédentes refusées', en: 'Previous applications refused' }],
  ['PREV_', { fr: 'Demandes précédentes', en: 'Previous applications' }],
  ['POS_', { fr: 'Prêts en magasin', en: 'Point-of-sale loans' }],
  ['INSTAL_', { fr: 'Échéances passées', en: 'Past instalments' }],
  ['CC_', { fr: 'Carte de crédit', en: 'Credit card' }],
];

const STATS: Record<string, Pair> = {
  MEAN: { fr: 'moyenne', en: 'average' },
  MAX: { fr: 'maximum', en: 'maximum' },
  MIN: { fr: 'minimum', en: 'minimum' },
  SUM: { fr: 'total', en: 'total' },
  VAR: { fr: 'variabilité', en: 'variability' },
  SIZE: { fr: 'nombre', en: 'count' },
  COUNT: { fr: 'nombre', en: 'count' },
};

/** Kaggle dictionary sentences used as labels by older bundles ("Client's age in days at the time of..."). */
const DICTIONARY_WORDING = /\b(in days|at the time of application|of the client)\b/i;

/** "AMT_DOWN_PAYMENT" -> "amt down payment"; category values (after the column) keep their case. */
const plain = (s: string): string => s.replace(/_/g, ' ').replace(/\b[A-Z]{2,}\b/g, (w) => w.toLowerCase());

/** The label to show for a field (or feature) name, given the API's label. */
export function fieldLabel(name: string, apiLabel: string | undefined, lang: Lang): string {
  // In English the model's own label is best when it has one (bundles now carry a plain label for every
  // feature: "Other institutions' credits: average age of credit (years)"); older bundles send raw names.
  if (lang === 'en' && apiLabel && apiLabel !== name && !DICTIONARY_WORDING.test(apiLabel)) return apiLabel;
  const known = FIELDS[name];
  if (known) return known[lang];
  const doc = /^FLAG_DOCUMENT_(\d+)$/.exec(name);
  if (doc) return lang === 'fr' ? `Document ${doc[1]} fourni` : `Document ${doc[1]} provided`;
  const source = SOURCES.find(([prefix]) => name.startsWith(prefix));
  if (source) {
    const rest = name.slice(source[0].length);
    const stat = /_([A-Z]+)$/.exec(rest);
    const statLabel = stat ? STATS[stat[1]!] : undefined;
    const core = statLabel ? rest.slice(0, -stat![0].length) : rest;
    const coreLabel = FIELDS[core]?.[lang] ?? plain(core);
    return `${source[1][lang]} · ${coreLabel}${statLabel ? ` (${statLabel[lang]})` : ''}`;
  }
  return apiLabel && apiLabel !== name ? apiLabel : plain(name);
}
