/**
 * Test support (imported by *.test.ts only): runs the `credit` CLI in-process with stdout and stderr
 * captured, and resets process.exitCode so one command's exit code never leaks into the next test.
 */
import { jest } from '@jest/globals';
import { main } from './main.js';
import type { CliLogger } from '../logger.js';

export const quietLogger: CliLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function runCli(
  args: string[],
  logger: CliLogger = quietLogger,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(['node', 'credit', ...args], logger);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}
