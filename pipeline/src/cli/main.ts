/**
 * The `credit` CLI.
 *
 *   argv -> commander program (global flags) -> every commands/*.ts registers its subcommands
 *        -> action runs -> exit code (0 ok, 1 error, or the code a stage asks for, e.g. 2 = drift alert)
 *
 * Errors print as one line (`error: ...`); the stack only with --verbose.
 */
import { Command, CommanderError } from 'commander';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type CliLogger } from '../logger.js';
import type { CommandContext } from './context.js';
import { ExitCode } from './exit-code.js';

/** A commands/*.ts module: adds its subcommand(s) to the program. */
export interface CommandModule {
  register(program: Command, ctx: CommandContext): void;
}

export async function main(argv: string[], logger?: CliLogger): Promise<number> {
  const program = new Command('credit')
    .description('Credit scoring for Prêt à dépenser: data, features, training, tracking, serving, drift.')
    .option('-v, --verbose', 'more logging, and stack traces on errors')
    .option('-q, --quiet', 'only warnings and errors')
    .option('--root <dir>', 'project root holding artifacts/ and data/raw/', process.cwd())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const log = logger ?? createLazyLogger(program);
  const ctx: CommandContext = {
    logger: log,
    root: () => resolve(program.opts<{ root: string }>().root),
    verbose: () => Boolean(program.opts<{ verbose?: boolean }>().verbose),
  };
  for (const mod of await loadCommandModules()) mod.register(program, ctx);

  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function createLazyLogger(program: Command): CliLogger {
  // Flags are parsed after the commands are registered, so the level is read at each call.
  const level = () => {
    const o = program.opts<{ verbose?: boolean; quiet?: boolean }>();
    return o.verbose ? 'debug' : o.quiet ? 'warn' : 'info';
  };
  return {
    debug: (m, f) => createLogger(level()).debug(m, f),
    info: (m, f) => createLogger(level()).info(m, f),
    warn: (m, f) => createLogger(level()).warn(m, f),
    error: (m, f) => createLogger(level()).error(m, f),
  };
}

async function loadCommandModules(): Promise<CommandModule[]> {
  const dir = fileURLToPath(new URL('../commands/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const modules: CommandModule[] = [];
  for (const file of files)
    modules.push((await import(new URL(`../commands/${file}`, import.meta.url).href)) as CommandModule);
  return modules;
}

function reportError(error: unknown, ctx: CommandContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with code 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? 0 : ExitCode.usage;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  process.stderr.write(`error: ${err.message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
  if (ctx.verbose()) process.stderr.write(`${err.stack ?? ''}\n`);
  else process.stderr.write('(run with --verbose for details)\n');
  const asked = (err as { exitCode?: unknown }).exitCode;
  return typeof asked === 'number' ? asked : ExitCode.failure;
}
