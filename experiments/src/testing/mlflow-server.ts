import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/setup/10-mlflow.sh installs the pinned MLflow. */
export function mlflowBinary(): string {
  const cache = process.env.CREDIT_CACHE_DIR ?? join(homedir(), '.cache', 'credit-scoring');
  return join(cache, 'mlflow-venv', 'bin', 'mlflow');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * A real `mlflow server` for tests: SQLite backend and proxied artifacts in a temporary folder, loopback
 * and a free port. `kill()` stops it abruptly (SIGKILL, whole process group); `start()` again reuses the
 * same backend store and port.
 */
export class MlflowTestServer {
  readonly dir: string;
  port = 0;
  private proc?: ChildProcess;

  constructor(private readonly binary = mlflowBinary()) {
    this.dir = mkdtempSync(join(tmpdir(), 'credit-mlflow-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static available(): boolean {
    return existsSync(mlflowBinary());
  }

  async start(timeoutMs = 120_000): Promise<void> {
    if (!this.port) this.port = await freePort();
    const log = openSync(join(this.dir, 'server.log'), 'a');
    this.proc = spawn(
      this.binary,
      [
        'server',
        '--backend-store-uri',
        `sqlite:///${join(this.dir, 'mlflow.db')}`,
        '--artifacts-destination',
        join(this.dir, 'artifacts'),
        '--host',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--workers',
        '1',
      ],
      { stdio: ['ignore', log, log], detached: true, env: { ...process.env, MLFLOW_TRACKING_URI: '' } },
    );
    const exited = new Promise<never>((_, reject) =>
      this.proc!.once('exit', (code) =>
        reject(new Error(`mlflow server exited with ${code}; see ${join(this.dir, 'server.log')}`)),
      ),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await Promise.race([new Promise((r) => setTimeout(r, 300)), exited]);
    }
    this.kill();
    throw new Error(
      `mlflow server did not answer /health within ${timeoutMs} ms; see ${join(this.dir, 'server.log')}`,
    );
  }

  /** Abrupt stop of the server and its workers (the process group it leads). */
  kill(): void {
    const pid = this.proc?.pid;
    if (pid && this.proc?.exitCode === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.proc = undefined;
  }

  async waitGone(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(500) })
        .then(() => true)
        .catch(() => false);
      if (!up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  dispose(): void {
    this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
