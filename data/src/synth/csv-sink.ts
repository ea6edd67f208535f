import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import { DataError } from '../errors.js';

const FLUSH_AT = 1 << 20; // characters buffered before a write

/**
 * A CSV file being written: lines are buffered in memory up to ~1 MB, then written with backpressure
 * (waits for 'drain'), optionally through gzip, to `<path>.tmp-<pid>`; `close()` renames it into place.
 */
export class CsvSink {
  readonly path: string;
  rows = 0;
  private readonly tmpPath: string;
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly target: Writable;
  private buffer = '';
  private failure: Error | undefined;

  constructor(path: string, header: string[], gzip: boolean) {
    this.path = path;
    this.tmpPath = `${path}.tmp-${process.pid}`;
    this.file = createWriteStream(this.tmpPath);
    this.file.on('error', (e) => (this.failure ??= e));
    if (gzip) {
      this.gzip = createGzip({ level: 6 });
      this.gzip.on('error', (e) => (this.failure ??= e));
      this.gzip.pipe(this.file);
    }
    this.target = this.gzip ?? this.file;
    this.buffer = `${header.join(',')}\n`;
  }

  /** Bytes on disk so far (compressed when gzip). */
  get bytes(): number {
    return this.file.bytesWritten;
  }

  push(line: string): void {
    this.buffer += line;
    this.buffer += '\n';
    this.rows++;
  }

  /** Writes the buffer once it is large; waits while the stream is full. */
  async maybeFlush(): Promise<void> {
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.target.end();
    if (!this.file.writableFinished) await once(this.file, 'close').catch(() => undefined);
    this.check();
    await rename(this.tmpPath, this.path);
  }

  /** Removes the temporary file after a failure elsewhere. */
  async abort(): Promise<void> {
    this.file.destroy();
    this.gzip?.destroy();
    await unlink(this.tmpPath).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    this.check();
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.target.write(chunk)) await once(this.target, 'drain');
    this.check();
  }

  private check(): void {
    if (this.failure)
      throw new DataError(
        'SYNTH_WRITE_FAILED',
        `Could not write ${this.path}: ${this.failure.message}. Check the output folder and free disk space.`,
        {
          cause: this.failure,
        },
      );
  }
}
