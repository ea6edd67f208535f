// Labels of the history aggregates the feature recipe builds (BURO_DAYS_CREDIT_MEAN,
// PREV_NAME_CONTRACT_STATUS_Refused_MEAN, INSTAL_COUNT...), in French and English. The name is parsed
// like @credit/data's labels do it: table prefix, column (or column + one-hot category), aggregation.
import { categoryLabel } from './category-labels.js';
import type { Lang } from './i18n.js';

type Pair = { fr: string; en: string };
/**
 * A column of a history table: its words, whether the raw value counts backwards (negative days or
 * months before the application: its minimum is the largest duration), and whether it is a category
 * (one-hot encoded before aggregation).
 */
type Column = Pair & { reversed?: boolean; category?: boolean };

const back = (fr: string, en: string): Column => ({ fr, en, reversed: true });
const cat = (fr: string, en: string): Column => ({ fr, en, category: true });

/** bureau (+ bureau_balance joined by the recipe): one credit at another institution. */
const BUREAU: Record<string, Column> = {
  DAYS_CREDIT: back('ancienneté du crédit', 'age of the credit'),
  CREDIT_DAY_OVERDUE: { fr: 'jours de retard', en: 'days overdue' },
  DAYS_CREDIT_ENDDATE: { fr: 'durée restante jusqu’à l’échéance prévue', en: 'time left to the planned end' },
  DAYS_ENDDATE_FACT: back('temps écoulé depuis la clôture', 'time since the credit ended'),
  AMT_CREDIT_MAX_OVERDUE: { fr: 'plus gros impayé constaté', en: 'largest amount ever overdue' },
  CNT_CREDIT_PROLONG: { fr: 'nombre de prolongations', en: 'number of extensions' },
  AMT_CREDIT_SUM: { fr: 'montant du crédit', en: 'credit amount' },
  AMT_CREDIT_SUM_DEBT: { fr: 'capital restant dû', en: 'debt' },
  AMT_CREDIT_SUM_LIMIT: { fr: 'plafond de la carte de crédit', en: 'credit card limit' },
  AMT_CREDIT_SUM_OVERDUE: { fr: 'montant impayé', en: 'amount overdue' },
  DAYS_CREDIT_UPDATE: back('temps écoulé depuis la dernière mise à jour', 'time since the last update'),
  AMT_ANNUITY: { fr: 'annuité', en: 'annuity' },
  MONTHS_BALANCE_MIN: back('ancienneté du plus ancien relevé mensuel', 'age of the oldest monthly record'),
  MONTHS_BALANCE_MAX: back('ancienneté du dernier relevé mensuel', 'age of the latest monthly record'),
  MONTHS_BALANCE_SIZE: { fr: 'nombre de relevés mensuels', en: 'number of monthly records' },
  CREDIT_ACTIVE: cat('statut', 'status'),
  CREDIT_CURRENCY: cat('devise', 'currency'),
  CREDIT_TYPE: cat('type', 'type'),
};

/** previous_application: an earlier application of the same client here. */
const PREVIOUS: Record<string, Column> = {
  NAME_CONTRACT_TYPE: cat('type de prêt', 'loan type'),
  AMT_ANNUITY: { fr: 'annuité', en: 'annuity' },
  AMT_APPLICATION: { fr: 'montant demandé', en: 'amount asked' },
  AMT_CREDIT: { fr: 'montant accordé', en: 'amount granted' },
  APP_CREDIT_PERC: { fr: 'montant demandé / montant accordé', en: 'amount asked / amount granted' },
  AMT_DOWN_PAYMENT: { fr: 'apport personnel', en: 'down payment' },
  AMT_GOODS_PRICE: { fr: 'prix du bien financé', en: 'price of the goods' },
  WEEKDAY_APPR_PROCESS_START: cat('jour de la demande', 'weekday of the application'),
  HOUR_APPR_PROCESS_START: { fr: 'heure de la demande', en: 'hour of the application' },
  FLAG_LAST_APPL_PER_CONTRACT: cat('dernière demande du contrat', 'last application for its contract'),
  NFLAG_LAST_APPL_IN_DAY: { fr: 'dernière demande de la journée', en: 'last application of its day' },
  RATE_DOWN_PAYMENT: { fr: 'taux d’apport', en: 'down payment rate' },
  RATE_INTEREST_PRIMARY: { fr: 'taux d’intérêt', en: 'interest rate' },
  RATE_INTEREST_PRIVILEGED: { fr: 'taux d’intérêt préférentiel', en: 'privileged interest rate' },
  NAME_CASH_LOAN_PURPOSE: cat('objet du prêt', 'purpose'),
  NAME_CONTRACT_STATUS: cat('issue', 'outcome'),
  DAYS_DECISION: back('temps écoulé depuis la décision', 'time since the decision'),
  NAME_PAYMENT_TYPE: cat('mode de paiement', 'payment method'),
  CODE_REJECT_REASON: cat('motif de refus', 'refusal reason'),
  NAME_TYPE_SUITE: cat('accompagnement', 'accompanied by'),
  NAME_CLIENT_TYPE: cat('type de client', 'client type'),
  NAME_GOODS_CATEGORY: cat('catégorie du bien', 'goods category'),
  NAME_PORTFOLIO: cat('portefeuille', 'portfolio'),
  NAME_PRODUCT_TYPE: cat('type de produit', 'product type'),
  CHANNEL_TYPE: cat('canal de vente', 'sales channel'),
  SELLERPLACE_AREA: { fr: 'zone du vendeur', en: 'seller area' },
  NAME_SELLER_INDUSTRY: cat('secteur du vendeur', 'seller industry'),
  CNT_PAYMENT: { fr: 'nombre d’échéances', en: 'number of instalments' },
  NAME_YIELD_GROUP: cat('niveau de taux', 'interest rate group'),
  PRODUCT_COMBINATION: cat('combinaison de produits', 'product combination'),
  DAYS_FIRST_DRAWING: back('temps écoulé depuis le premier décaissement', 'time since the first drawing'),
  DAYS_FIRST_DUE: back('temps écoulé depuis la première échéance', 'time since the first due date'),
  DAYS_LAST_DUE_1ST_VERSION: back(
    'temps écoulé depuis la dernière échéance prévue à l’origine',
    'time since the first planned last due date',
  ),
  DAYS_LAST_DUE: back('temps écoulé depuis la dernière échéance', 'time since the last due date'),
  DAYS_TERMINATION: back('temps écoulé depuis la fin prévue', 'time since the planned end'),
  NFLAG_INSURED_ON_APPROVAL: { fr: 'assurance demandée', en: 'insurance asked' },
};

/** POS_CASH_balance: monthly state of earlier point-of-sale and cash loans here. */
const POS: Record<string, Column> = {
  MONTHS_BALANCE: back('ancienneté des relevés mensuels', 'age of the monthly records'),
  CNT_INSTALMENT: { fr: 'durée du prêt (échéances)', en: 'loan length (instalments)' },
  CNT_INSTALMENT_FUTURE: { fr: 'échéances restantes', en: 'instalments left' },
  NAME_CONTRACT_STATUS: cat('statut', 'status'),
  SK_DPD: { fr: 'jours de retard de paiement', en: 'payment delay (days)' },
  SK_DPD_DEF: { fr: 'jours de retard au-delà de la tolérance', en: 'payment delay beyond tolerance (days)' },
};

/** installments_payments (+ what the recipe derives): one instalment of an earlier loan here. */
const INSTALMENTS: Record<string, Column> = {
  NUM_INSTALMENT_VERSION: { fr: 'versions de l’échéancier', en: 'instalment calendar versions' },
  NUM_INSTALMENT_NUMBER: { fr: 'numéro de l’échéance', en: 'instalment number' },
  DAYS_INSTALMENT: back('temps écoulé depuis la date d’échéance', 'time since the due date'),
  DAYS_ENTRY_PAYMENT: back('temps écoulé depuis le paiement', 'time since the payment'),
  AMT_INSTALMENT: { fr: 'montant dû', en: 'amount due' },
  AMT_PAYMENT: { fr: 'montant payé', en: 'amount paid' },
  DPD: { fr: 'jours de retard de paiement', en: 'payment delay (days)' },
  DBD: { fr: 'jours d’avance de paiement', en: 'days paid early' },
  PAYMENT_PERC: { fr: 'part du montant dû payée', en: 'share of the amount due that was paid' },
  PAYMENT_DIFF: { fr: 'montant dû non payé', en: 'amount due minus amount paid' },
};

/** credit_card_balance: monthly state of earlier credit cards here. */
const CREDIT_CARDS: Record<string, Column> = {
  MONTHS_BALANCE: back('ancienneté des relevés mensuels', 'age of the monthly records'),
  AMT_BALANCE: { fr: 'solde', en: 'balance' },
  AMT_CREDIT_LIMIT_ACTUAL: { fr: 'plafond de crédit', en: 'credit limit' },
  AMT_DRAWINGS_ATM_CURRENT: { fr: 'retraits d’espèces du mois', en: 'cash withdrawn in the month' },
  AMT_DRAWINGS_CURRENT: { fr: 'montant utilisé dans le mois', en: 'amount drawn in the month' },
  AMT_DRAWINGS_OTHER_CURRENT: { fr: 'autres utilisations du mois', en: 'other drawings in the month' },
  AMT_DRAWINGS_POS_CURRENT: { fr: 'achats par carte du mois', en: 'card purchases in the month' },
  AMT_INST_MIN_REGULARITY: { fr: 'mensualité minimale', en: 'minimum instalment' },
  AMT_PAYMENT_CURRENT: { fr: 'montant remboursé dans le mois', en: 'amount paid in the month' },
  AMT_PAYMENT_TOTAL_CURRENT: { fr: 'total remboursé dans le mois', en: 'total paid in the month' },
  AMT_RECEIVABLE_PRINCIPAL: { fr: 'capital dû', en: 'principal owed' },
  AMT_RECIVABLE: { fr: 'montant dû', en: 'amount owed' },
  AMT_TOTAL_RECEIVABLE: { fr: 'montant total dû', en: 'total amount owed' },
  CNT_DRAWINGS_ATM_CURRENT: {
    fr: 'nombre de retraits d’espèces du mois',
    en: 'number of cash withdrawals in the month',
  },
  CNT_DRAWINGS_CURRENT: { fr: 'nombre d’utilisations du mois', en: 'number of drawings in the month' },
  CNT_DRAWINGS_OTHER_CURRENT: {
    fr: 'nombre d’autres utilisations du mois',
    en: 'number of other drawings in the month',
  },
  CNT_DRAWINGS_POS_CURRENT: {
    fr: 'nombre d’achats par carte du mois',
    en: 'number of card purchases in the month',
  },
  CNT_INSTALMENT_MATURE_CUM: { fr: 'échéances payées à ce jour', en: 'instalments paid so far' },
  NAME_CONTRACT_STATUS: cat('statut', 'status'),
  SK_DPD: { fr: 'jours de retard de paiement', en: 'payment delay (days)' },
  SK_DPD_DEF: { fr: 'jours de retard au-delà de la tolérance', en: 'payment delay beyond tolerance (days)' },
};

interface Source {
  prefix: string;
  name: Pair;
  /** What one aggregated row is, for shares ("part des crédits"). */
  rows: Pair;
  columns: Record<string, Column>;
}

const credits: Pair = { fr: 'crédits', en: 'credits' };
const applications: Pair = { fr: 'demandes', en: 'applications' };
const months: Pair = { fr: 'mois', en: 'months' };

/** History tables, by the prefix the recipe gives their aggregates. */
const SOURCES: Source[] = [
  {
    prefix: 'BURO_',
    name: { fr: 'Crédits dans d’autres établissements', en: "Other institutions' credits" },
    rows: credits,
    columns: BUREAU,
  },
  {
    prefix: 'ACTIVE_',
    name: { fr: 'Crédits en cours ailleurs', en: "Other institutions' active credits" },
    rows: credits,
    columns: BUREAU,
  },
  {
    prefix: 'CLOSED_',
    name: { fr: 'Crédits clos ailleurs', en: "Other institutions' closed credits" },
    rows: credits,
    columns: BUREAU,
  },
  {
    prefix: 'PREV_',
    name: { fr: 'Demandes précédentes', en: 'Previous applications' },
    rows: applications,
    columns: PREVIOUS,
  },
  {
    prefix: 'APPROVED_',
    name: { fr: 'Demandes précédentes accordées', en: 'Approved previous applications' },
    rows: applications,
    columns: PREVIOUS,
  },
  {
    prefix: 'REFUSED_',
    name: { fr: 'Demandes précédentes refusées', en: 'Refused previous applications' },
    rows: applications,
    columns: PREVIOUS,
  },
  {
    prefix: 'INSTAL_',
    name: { fr: 'Échéances des prêts antérieurs', en: 'Instalments of previous loans' },
    rows: { fr: 'échéances', en: 'instalments' },
    columns: INSTALMENTS,
  },
  {
    prefix: 'POS_',
    name: { fr: 'Prêts antérieurs en magasin ou en espèces', en: 'Previous shop and cash loans' },
    rows: months,
    columns: POS,
  },
  {
    prefix: 'CC_',
    name: { fr: 'Cartes de crédit antérieures', en: 'Previous credit cards' },
    rows: months,
    columns: CREDIT_CARDS,
  },
];

const COUNTS: Record<string, Pair> = {
  INSTAL_COUNT: { fr: 'nombre d’échéances', en: 'number of instalments' },
  POS_COUNT: { fr: 'nombre de relevés mensuels', en: 'number of monthly records' },
  CC_COUNT: { fr: 'nombre de relevés mensuels', en: 'number of monthly records' },
};

type Op = 'MIN' | 'MAX' | 'MEAN' | 'SUM' | 'VAR' | 'SIZE' | 'NUNIQUE';
const OPS: Op[] = ['NUNIQUE', 'MEAN', 'MIN', 'MAX', 'SUM', 'VAR', 'SIZE'];

/** The statistic of a numeric column, after the column's words: "capital restant dû (maximum)". */
const STAT: Record<Op, Pair> = {
  MIN: { fr: 'minimum', en: 'smallest' },
  MAX: { fr: 'maximum', en: 'largest' },
  MEAN: { fr: 'moyenne', en: 'average' },
  SUM: { fr: 'total', en: 'total' },
  VAR: { fr: 'variabilité', en: 'variability' },
  SIZE: { fr: 'nombre', en: 'count' },
  NUNIQUE: { fr: 'valeurs distinctes', en: 'distinct values' },
};

/** Monthly statuses of a bureau credit (bureau_balance.STATUS, joined as STATUS_<v>_MEAN). */
const BUREAU_STATUS: Record<string, Pair> = {
  C: { fr: 'clos', en: 'closed' },
  X: { fr: 'au statut inconnu', en: 'with unknown status' },
  '0': { fr: 'sans retard', en: 'with no delay' },
  '1': { fr: 'avec 1 à 30 jours de retard', en: '1-30 days late' },
  '2': { fr: 'avec 31 à 60 jours de retard', en: '31-60 days late' },
  '3': { fr: 'avec 61 à 90 jours de retard', en: '61-90 days late' },
  '4': { fr: 'avec 91 à 120 jours de retard', en: '91-120 days late' },
  '5': { fr: 'avec plus de 120 jours de retard ou passés en perte', en: 'over 120 days late or written off' },
  nan: { fr: 'sans statut', en: 'with no status' },
};

/** The words of a one-hot category: "type « Prêt immobilier »" or "type : non renseigné". */
function categoryWords(column: Column, value: string, lang: Lang): string {
  if (value === 'nan') return lang === 'fr' ? `${column.fr} : non renseigné` : `no ${column.en} given`;
  return lang === 'fr' ? `${column.fr} « ${categoryLabel(value, 'fr')} »` : `${column.en} "${value}"`;
}

/** A one-hot category aggregated over the rows: the mean is a share, the sum a count, min/max all/any. */
function shareWords(op: Op, rows: Pair, lang: Lang): string {
  const fr: Record<Op, string> = {
    MEAN: `part des ${rows.fr}`,
    SUM: `nombre de ${rows.fr}`,
    MIN: `tous les ${rows.fr}`,
    MAX: `au moins un des ${rows.fr}`,
    VAR: 'variabilité',
    SIZE: 'nombre',
    NUNIQUE: 'valeurs distinctes',
  };
  const en: Record<Op, string> = {
    MEAN: `share of ${rows.en}`,
    SUM: `number of ${rows.en}`,
    MIN: `all ${rows.en}`,
    MAX: `at least one of the ${rows.en}`,
    VAR: 'variability',
    SIZE: 'count',
    NUNIQUE: 'distinct values',
  };
  return (lang === 'fr' ? fr : en)[op];
}

/** "Source · words (statistic)" for a history aggregate, or undefined when the name is not one. */
export function historyLabel(name: string, lang: Lang): string | undefined {
  const source = SOURCES.find((s) => name.startsWith(s.prefix));
  if (!source) return undefined;
  const head = source.name[lang];
  const count = COUNTS[name];
  if (count) return `${head} · ${count[lang]}`;
  const rest = name.slice(source.prefix.length);
  const op = OPS.find((o) => rest.endsWith(`_${o}`));
  const base = op ? rest.slice(0, -op.length - 1) : rest;
  const stat = (reversed?: boolean): string => {
    if (!op) return '';
    // Negative days: the smallest raw value is the longest duration.
    const shown = reversed && op === 'MIN' ? 'MAX' : reversed && op === 'MAX' ? 'MIN' : op;
    return ` (${STAT[shown][lang]})`;
  };
  const column = source.columns[base];
  if (column) return `${head} · ${column[lang]}${stat(column.reversed)}`;
  const status = /^STATUS_(.+)_MEAN$/.exec(base);
  if (status && source.columns === BUREAU) {
    const v = status[1]!;
    const words = BUREAU_STATUS[v]?.[lang] ?? categoryWords({ fr: 'statut', en: 'status' }, v, lang);
    return `${head} · ${lang === 'fr' ? `part des mois ${words}` : `share of months ${words}`}${stat()}`;
  }
  const categorical = Object.keys(source.columns)
    .filter((c) => source.columns[c]!.category && base.startsWith(`${c}_`))
    .sort((a, b) => b.length - a.length)[0];
  if (categorical && op) {
    const words = categoryWords(source.columns[categorical]!, base.slice(categorical.length + 1), lang);
    return `${head} · ${words} (${shareWords(op, source.rows, lang)})`;
  }
  return undefined;
}
