/**
 * One quoted CSV cell, shared by the row parser (csv-rows.ts) and the column parser (csv-columns.ts):
 * "" escapes, commas and newlines inside the quotes. Quoted cells are rare in Kaggle's files, so this
 * sits off the parsers' per-byte fast paths.
 */

export const COMMA = 44;
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

export type QuotedCell =
  /** The chunk ends inside the cell: wait for more bytes. */
  | { kind: 'incomplete' }
  /** The input ends inside the cell (last chunk). */
  | { kind: 'unclosed' }
  /**
   * `text` unescaped; `end` is the index after the cell (past any stray bytes after the closing quote,
   * which `trailingText` reports); `newlines` counts line feeds inside the quotes.
   */
  | { kind: 'cell'; text: string; end: number; newlines: number; trailingText: boolean };

/** Reads the quoted cell whose opening quote is `b[start]`, within `b[0..n)`. */
export function readQuotedCell(b: Buffer, start: number, n: number, final: boolean): QuotedCell {
  let j = start + 1;
  let newlines = 0;
  let hasEscapes = false;
  for (;;) {
    while (j < n && b[j] !== QUOTE) {
      if (b[j] === LF) newlines++;
      j++;
    }
    if (j >= n) return final ? { kind: 'unclosed' } : { kind: 'incomplete' };
    if (j + 1 < n && b[j + 1] === QUOTE) {
      hasEscapes = true;
      j += 2;
      continue;
    }
    if (j + 1 >= n && !final) return { kind: 'incomplete' };
    break;
  }
  let text = b.toString('utf8', start + 1, j);
  if (hasEscapes) text = text.replaceAll('""', '"');
  let end = j + 1;
  const trailingText = end < n && b[end] !== COMMA && b[end] !== LF && b[end] !== CR;
  while (end < n && b[end] !== COMMA && b[end] !== LF && b[end] !== CR) end++;
  return { kind: 'cell', text, end, newlines, trailingText };
}
