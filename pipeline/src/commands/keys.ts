import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import type { CommandContext } from '../cli/context.js';
import { commandGroup } from '../cli/group.js';
import { PipelineError } from '../errors.js';
import { openCliStore } from './users.js';

const ROLES = ['advisor', 'ops', 'admin'] as const;

/** `credit keys create|revoke|list`: API keys for machines, stored as SHA-256 hashes. */
export function register(program: Command, ctx: CommandContext): void {
  const keys = commandGroup(program, 'keys', 'manage API keys of the serving API');
  keys
    .command('create')
    .description('create a key and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'ops')
    .action(async (opts: { name: string; role: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new PipelineError('bad_role', `--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`);
      const { newToken, hashToken } = await import('@credit/serving');
      const id = randomBytes(6).toString('hex');
      const key = newToken();
      const store = await openCliStore(ctx, 'credit keys create');
      try {
        await store.createApiKey(id, opts.name, opts.role as (typeof ROLES)[number], hashToken(key));
      } finally {
        await store.close();
      }
      process.stdout.write(`id ${id}\nkey ${key}\n(send it as header X-API-Key; it is not shown again)\n`);
    });
  keys
    .command('revoke <id>')
    .description('revoke a key by id')
    .action(async (id: string) => {
      const store = await openCliStore(ctx, 'credit keys revoke');
      try {
        if (!(await store.revokeApiKey(id)))
          throw new PipelineError('unknown_key', `no API key with id "${id}"; see \`credit keys list\``);
      } finally {
        await store.close();
      }
      process.stdout.write(`revoked ${id}\n`);
    });
  keys
    .command('list')
    .description('list keys (id, name, role, revoked)')
    .action(async () => {
      const store = await openCliStore(ctx, 'credit keys list');
      try {
        for (const k of await store.listApiKeys())
          process.stdout.write(
            `${k.id} ${k.role.padEnd(8)} ${k.revoked ? 'revoked' : 'active '} ${k.name}\n`,
          );
      } finally {
        await store.close();
      }
    });
}
