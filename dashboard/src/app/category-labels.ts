// Kaggle's category values (English) in the advisor's language. The API filters and answers with the
// raw values; only what is shown changes. Values not listed here are shown as the API sends them.
import type { Lang } from './i18n.js';

const FR: Record<string, string> = {
  M: 'Homme',
  F: 'Femme',
  'Cash loans': 'Prêt personnel',
  'Revolving loans': 'Crédit renouvelable',
  Married: 'Marié(e)',
  'Single / not married': 'Célibataire',
  'Civil marriage': 'Union civile',
  Separated: 'Séparé(e)',
  Widow: 'Veuf / veuve',
  Unknown: 'Inconnu',
  'Secondary / secondary special': 'Secondaire',
  'Higher education': 'Supérieur',
  'Incomplete higher': 'Supérieur non terminé',
  'Lower secondary': 'Collège',
  'Academic degree': 'Diplôme universitaire',
  Working: 'Salarié(e)',
  'Commercial associate': 'Associé(e) commercial(e)',
  Pensioner: 'Retraité(e)',
  'State servant': 'Fonctionnaire',
  Unemployed: 'Sans emploi',
  Student: 'Étudiant(e)',
  Businessman: 'Chef d’entreprise',
  'Maternity leave': 'Congé maternité',
  'House / apartment': 'Maison / appartement',
  'With parents': 'Chez les parents',
  'Municipal apartment': 'Logement social',
  'Rented apartment': 'Location',
  'Office apartment': 'Logement de fonction',
  'Co-op apartment': 'Coopérative',
  Unaccompanied: 'Seul(e)',
  Family: 'Famille',
  'Spouse, partner': 'Conjoint(e)',
  Children: 'Enfants',
  'Group of people': 'Groupe',
  Other_A: 'Autre',
  Other_B: 'Autre',
  MONDAY: 'lundi',
  TUESDAY: 'mardi',
  WEDNESDAY: 'mercredi',
  THURSDAY: 'jeudi',
  FRIDAY: 'vendredi',
  SATURDAY: 'samedi',
  SUNDAY: 'dimanche',
};
const EN: Record<string, string> = { M: 'Male', F: 'Female', Other_A: 'Other', Other_B: 'Other' };

export function categoryLabel(value: string, lang: Lang): string {
  if (/^[A-Z]+DAY$/.test(value) && lang === 'en') return value[0] + value.slice(1).toLowerCase();
  return (lang === 'fr' ? FR : EN)[value] ?? value;
}
