import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

/** What the file streamer feeds: the row parser (validation) or the column parser (loading). */
export interface CsvSink {
  readonly rows: number;
  push(chunk: Buffer): void;
  end(): void;
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
  const parser = new CsvRowParser(
    schema.columns.map((c) => c.type === 'categorical'),
    { row: handlers.row, ...faultHandlers(path, schema, handlers) },
  );
  return streamKaggleCsv(path, schema, parser, handlers.progress);
}

/** The parsers' fault callbacks: the caller's, else a DataError naming file, line and column. */
export function faultHandlers(
  path: string,
  schema: TableSchema,
  handlers: Pick<ReadHandlers, 'invalid' | 'malformed'> = {},
): Pick<RowHandler, 'invalid' | 'malformed'> {
  const file = basename(path);
  const names = schema.columns.map((c) => c.name);
  return {
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
  };
}

/** Size of the CSV text: the file's size, or for gzip the size its trailer records (mod 4 GiB). */
export function textSizeHint(path: string): number {
  const size = statSync(path).size;
  if (!path.endsWith('.gz') || size < 18) return size;
  const fd = openSync(path, 'r');
  try {
    const tail = Buffer.alloc(4);
    readSync(fd, tail, 0, 4, size - 4);
    const stored = tail.readUInt32LE(0);
    // A wrapped (> 4 GiB) size shows as smaller than the compressed file: then guess a 4x ratio.
    return stored >= size ? stored : size * 4;
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of a plain file, read into one reused buffer: each chunk is a view that is only valid
 * until the next one is asked for (the sinks copy what they keep), so reading allocates nothing per
 * chunk and leaves no garbage.
 */
async function* fileChunks(path: string, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return;
      onRead(bytesRead);
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams one Kaggle CSV (.csv or .csv.gz) into `sink`, after checking its header against the schema,
 * and turns stream failures into DataErrors. 1 MiB chunks: the text is never whole in memory.
 */
export async function streamKaggleCsv(
  path: string,
  schema: TableSchema,
  sink: CsvSink,
  progress?: (bytes: number, rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  const file = basename(path);
  const names = schema.columns.map((c) => c.name);
  const gz = path.endsWith('.gz');
  let bytes = 0;
  let stream: AsyncIterable<Buffer>;
  if (gz) {
    const source = createReadStream(path, { highWaterMark: CHUNK });
    source.on('data', (chunk) => (bytes += chunk.length));
    const gunzip = source.pipe(createGunzip({ chunkSize: CHUNK }));
    source.on('error', (err) => gunzip.destroy(err));
    stream = gunzip;
  } else {
    stream = fileChunks(path, (n) => (bytes += n));
  }

  let header: Buffer | null = Buffer.alloc(0);
  let textBytes = 0;
  try {
    for await (const chunk of stream) {
      textBytes += chunk.length;
      if (header !== null) {
        header = Buffer.concat([header, chunk]);
        const nl = header.indexOf(10);
        if (nl < 0) continue;
        checkHeader(file, header.toString('utf8', 0, nl), names);
        const rest = header.subarray(nl + 1);
        header = null;
        sink.push(rest);
      } else sink.push(chunk);
      progress?.(bytes, sink.rows);
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
  sink.end();
  progress?.(gz ? statSync(path).size : bytes, sink.rows);
  return { rows: sink.rows, bytes: statSync(path).size };
}
