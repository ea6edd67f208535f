import { ExitCode } from './exit-code.js';
import { runCli } from './run-cli-for-tests.js';

describe('credit CLI', () => {
  it('prints help with exit code 0', async () => {
    const { code, out } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: credit');
  });

  it('rejects an unknown command with the usage exit code and a hint', async () => {
    const { code, err } = await runCli(['no-such-stage']);
    expect(code).toBe(ExitCode.usage);
    expect(err).toContain("unknown command 'no-such-stage'");
  });
});

describe('credit doctor', () => {
  it('reports the machine as JSON without secret values', async () => {
    process.env.DATABASE_URL = 'postgres://user:s3cret@127.0.0.1/db';
    const { code, out } = await runCli(['doctor', '--json']);
    delete process.env.DATABASE_URL;
    expect(code).toBe(0);
    const checks = JSON.parse(out);
    expect(checks.node).toBe(process.version);
    expect(checks.databaseUrlSet).toBe(true);
    expect(out).not.toContain('s3cret');
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
