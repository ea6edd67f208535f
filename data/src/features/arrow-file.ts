/**
 * features.arrow: an Arrow IPC file with SK_ID_CURR, TARGET, then every feature as float64 (NaN =
 * missing, ±Infinity kept). Written through a file sink (no second copy of ~2 GB in memory) to a
 * temporary path, then renamed.
 */
import { columnFromArray, tableFromColumns, tableFromIPC, tableToIPC } from '@uwdata/flechette';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { DataError } from '../errors.js';
import type { FeatureTable } from './feature-table.js';

const ID = 'SK_ID_CURR';
const TARGET = 'TARGET';

export async function writeFeatureFile(path: string, table: FeatureTable): Promise<void> {
  const n = table.ids.length;
  if (
    table.target.length !== n ||
    table.columns.some((c) => c.length !== n) ||
    table.columns.length !== table.names.length
  )
    throw new DataError(
      'FEATURE_TABLE_SHAPE',
      `Feature table for ${path}: every column must have ${n} rows and one name.`,
    );
  const columns: Record<string, ReturnType<typeof columnFromArray>> = {
    [ID]: columnFromArray(table.ids),
    [TARGET]: columnFromArray(table.target),
  };
  table.names.forEach((name, i) => {
    if (name in columns)
      throw new DataError('FEATURE_NAME_DUPLICATE', `Feature ${name} appears twice; names must be unique.`);
    columns[name] = columnFromArray(table.columns[i]!);
  });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    const sink = {
      write: (bytes: Uint8Array) => void writeSync(fd, bytes),
      pad: (count: number) => void writeSync(fd, new Uint8Array(count)),
      finish: () => null,
    };
    tableToIPC(tableFromColumns(columns), { format: 'file', sink: sink as never });
    closeSync(fd);
    renameSync(tmp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw new DataError('FEATURE_FILE_WRITE', `Could not write ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Read in pieces: fs.readFile refuses files over 2 GiB, and full-scale features with the derived group pass it. */
const READ_CHUNK = 1 << 30;

/** Exported for its test (a small chunk exercises the piecewise read). */
export async function readWholeFile(path: string, chunk = READ_CHUNK): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > bufferConstants.MAX_LENGTH)
      throw new DataError(
        'FEATURE_FILE_READ',
        `${path} is ${(size / 2 ** 30).toFixed(1)} GiB, more than one buffer can hold here (${(bufferConstants.MAX_LENGTH / 2 ** 30).toFixed(0)} GiB); build the features in parts (fewer clients per file).`,
      );
    const bytes = Buffer.allocUnsafe(size);
    for (let offset = 0; offset < size;) {
      const { bytesRead } = await handle.read(bytes, offset, Math.min(chunk, size - offset), offset);
      if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${offset} of ${size}`);
      offset += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

export async function readFeatureFile(path: string): Promise<FeatureTable> {
  let bytes: Uint8Array;
  try {
    bytes = await readWholeFile(path);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError('FEATURE_FILE_READ', `Could not read ${path}; run \`credit features\` first.`, {
      cause: error,
    });
  }
  let arrow: ReturnType<typeof tableFromIPC>;
  try {
    arrow = tableFromIPC(bytes);
  } catch (error) {
    throw new DataError(
      'FEATURE_FILE_FORMAT',
      `${path} is not an Arrow IPC file: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const names = arrow.names;
  if (names[0] !== ID || names[1] !== TARGET)
    throw new DataError(
      'FEATURE_FILE_FORMAT',
      `${path}: the first columns must be ${ID} and ${TARGET}; found ${names.slice(0, 2).join(', ')}.`,
    );
  const col = (name: string): Float64Array => {
    const values = arrow.getChild(name).toArray() as unknown;
    if (!(values instanceof Float64Array))
      throw new DataError(
        'FEATURE_FILE_FORMAT',
        `${path}: column ${name} is not float64 without nulls; rewrite the file with writeFeatureFile.`,
      );
    return values;
  };
  return {
    ids: col(ID),
    target: col(TARGET),
    names: names.slice(2),
    columns: names.slice(2).map(col),
  };
}
