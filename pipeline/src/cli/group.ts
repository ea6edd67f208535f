import type { Command } from 'commander';

/**
 * Finds or creates a command group such as `credit data` so several command files can each add
 * subcommands to it (`data.ts` adds `validate`, `data-synth.ts` adds `synth`).
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}
