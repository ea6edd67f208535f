/**
 * How a feature's raw value should be read (mirrors @credit/training's FieldUnit, which turns it into
 * words: the two workspaces do not import each other, the manifest's fieldInfo carries it):
 * - age / employment: DAYS_BIRTH / DAYS_EMPLOYED (days before the application; employment missing or
 *   365243 = not employed or pensioner)
 * - days-ago: days before the application, shown in years; days-ahead: days after it
 * - days: a count of days (payment delays); months-ago: months before the application
 * - share: a 0..1 proportion, shown as a percentage; money: an amount
 */
export type FieldUnit =
  'age' | 'employment' | 'days-ago' | 'days-ahead' | 'days' | 'months-ago' | 'share' | 'money';
