/** Test helper: reads a (possibly gzipped) CSV into its header and rows of cells. Small files only. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface CsvData {
  header: string[];
  rows: string[][];
}

export function readCsv(path: string): CsvData {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  const [head, ...rest] = lines.map(splitCsvLine);
  return { header: head ?? [], rows: rest };
}

export function column(data: CsvData, name: string): string[] {
  const i = data.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return data.rows.map((r) => r[i] ?? '');
}

export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else value += line[i++];
      }
      out.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i);
      const stop = end === -1 ? line.length : end;
      out.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return out;
}
