import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { DataError } from '../errors.js';
import { CsvRowParser, type RowHandler } from './csv-rows.js';
import { checkHeader } from './header.js';
import type { TableName, TableSchema } from './schema.js';

export interface ReadHandlers {
  row: RowHandler['row'];
  /** A cell that does not parse as a number; default: throw DataError CSV_VALUE. Return NaN to go on. */
  invalid?: (issue: { column: string; value: string; line: number }) => number;
  /** A row with the wrong field count or bad quoting; default: throw DataError CSV_ROW. */
  malformed?: (issue: { line: number; detail: string }) => void;
  /** After each chunk: bytes of the file read so far (compressed bytes for .gz), rows so far. */
  progress?: (bytes: number, rows: number) => void;
}

const CHUNK = 1 << 20;

/** `dir/<table>.csv`, else `dir/<table>.csv.gz`, else null. */
export function findKaggleFile(dir: string, table: TableName): string | null {
  for (const name of [`${table}.csv`, `${table}.csv.gz`])
    if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

/**
 * Streams one Kaggle CSV (.csv or .csv.gz) through the row parser, after checking its header against
 * the schema. The file's text is never whole in memory: 1 MiB chunks in, typed values out.
 */
export async function readKaggleFile(
  path: string,
  schema: TableSchema,
  handlers: ReadHandlers,
): Promise<{ rows: number; bytes: number }> {
  const file = basename(path);
  const names = schema.columns.map((c) => c.name);
  const parser = new CsvRowParser(
    schema.columns.map((c) => c.type === 'categorical'),
    {
      row: handlers.row,
      invalid: (col, value, line) => {
        const column = names[col] ?? `#${col + 1}`;
        if (handlers.invalid) return handlers.invalid({ column, value, line });
        throw new DataError(
          'CSV_VALUE',
          `${file} line ${line}, column ${column}: "${value.slice(0, 40)}" is not a number; fix or remove the value`,
        );
      },
      malformed: (_problem, line, detail) => {
        if (handlers.malformed) return handlers.malformed({ line, detail });
        throw new DataError(
          'CSV_ROW',
          `${file} line ${line}: ${detail}; check the file is a complete Kaggle CSV`,
        );
      },
    },
  );

  const source = createReadStream(path, { highWaterMark: CHUNK });
  let bytes = 0;
  source.on('data', (chunk) => (bytes += chunk.length));
  const gz = path.endsWith('.gz');
  const stream = gz ? source.pipe(createGunzip({ chunkSize: CHUNK })) : source;
  if (gz) source.on('error', (err) => stream.destroy(err));

  let header: Buffer | null = Buffer.alloc(0);
  let textBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      textBytes += chunk.length;
      if (header !== null) {
        header = Buffer.concat([header, chunk]);
        const nl = header.indexOf(10);
        if (nl < 0) continue;
        checkHeader(file, header.toString('utf8', 0, nl), names);
        const rest = header.subarray(nl + 1);
        header = null;
        parser.push(rest);
      } else parser.push(chunk);
      handlers.progress?.(bytes, parser.rows);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR')
      throw new DataError(
        'GZIP_TRUNCATED',
        `${file}: the gzip data ends early (truncated download?); fetch it again`,
        {
          cause: err,
        },
      );
    if (code === 'Z_DATA_ERROR')
      throw new DataError(
        'GZIP_CORRUPT',
        `${file}: not valid gzip data; re-download it or rename it to .csv`,
        {
          cause: err,
        },
      );
    throw new DataError('FILE_READ', `${file}: cannot be read (${(err as Error).message})`, { cause: err });
  }
  if (textBytes === 0 || (header !== null && header.toString('utf8').trim() === ''))
    throw new DataError('CSV_EMPTY', `${file} is empty: expected a header line with ${names.length} columns`);
  if (header !== null) checkHeader(file, header.toString('utf8'), names); // header only, no newline
  parser.end();
  handlers.progress?.(gz ? statSync(path).size : bytes, parser.rows);
  return { rows: parser.rows, bytes: statSync(path).size };
}
