import { jest } from '@jest/globals';
import { main } from './main.js';
import { ExitCode } from './exit-code.js';

function captureStd() {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    restore: () => (o.mockRestore(), e.mockRestore()),
  };
}

describe('credit CLI', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints help with exit code 0', async () => {
    const std = captureStd();
    const code = await main(['node', 'credit', '--help']);
    std.restore();
    expect(code).toBe(0);
    expect(std.out()).toContain('Usage: credit');
  });

  it('rejects an unknown command with the usage exit code and a hint', async () => {
    const std = captureStd();
    const code = await main(['node', 'credit', 'no-such-stage']);
    std.restore();
    expect(code).toBe(ExitCode.usage);
    expect(std.err()).toContain("unknown command 'no-such-stage'");
  });
});

describe('credit doctor', () => {
  it('reports the machine as JSON without secret values', async () => {
    process.env.DATABASE_URL = 'postgres://user:s3cret@127.0.0.1/db';
    const std = captureStd();
    const code = await main(['node', 'credit', 'doctor', '--json']);
    std.restore();
    delete process.env.DATABASE_URL;
    expect(code).toBe(0);
    const checks = JSON.parse(std.out());
    expect(checks.node).toBe(process.version);
    expect(checks.databaseUrlSet).toBe(true);
    expect(std.out()).not.toContain('s3cret');
  });
});

describe('commandGroup', () => {
  it('lets two command files add subcommands to one group', async () => {
    const { Command } = await import('commander');
    const { commandGroup } = await import('./group.js');
    const program = new Command('credit');
    commandGroup(program, 'data', 'Kaggle tables').command('validate');
    commandGroup(program, 'data', 'ignored second description').command('synth');
    const groups = program.commands.filter((c) => c.name() === 'data');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.commands.map((c) => c.name())).toEqual(['validate', 'synth']);
    expect(groups[0]!.description()).toBe('Kaggle tables');
  });
});
