import { DataError } from '../errors.js';

/** Checks a CSV header line against the schema's column names; throws a DataError naming the fault. */
export function checkHeader(file: string, line: string, expected: readonly string[]): void {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const got = text.split(',').map((n) => n.replace(/^"(.*)"$/, '$1').trim());
  if (got.length === 1 && expected.length > 1) {
    const delimiter = [';', '\t', '|'].find((d) => text.includes(d));
    if (delimiter)
      throw new DataError(
        'CSV_DELIMITER',
        `${file}: the header is separated by ${JSON.stringify(delimiter)}, not commas; save the file as comma-separated CSV`,
      );
  }
  const missing = expected.filter((n) => !got.includes(n));
  const unexpected = got.filter((n) => !expected.includes(n));
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column(s) ${missing.slice(0, 5).join(', ')}` : '',
      unexpected.length > 0 ? `unexpected column(s) ${unexpected.slice(0, 5).join(', ')}` : '',
    ].filter(Boolean);
    throw new DataError(
      'CSV_HEADER',
      `${file}: bad header: ${parts.join('; ')}; expected Kaggle's ${expected.length} columns`,
    );
  }
  const at = got.findIndex((n, i) => n !== expected[i]);
  if (at >= 0)
    throw new DataError(
      'CSV_HEADER',
      `${file}: bad header: column ${at + 1} is ${got[at]} but Kaggle's order has ${expected[at]} there; reorder the columns`,
    );
}
