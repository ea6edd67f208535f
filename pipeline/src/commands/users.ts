import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { commandGroup } from '../cli/group.js';
import { PipelineError } from '../errors.js';

const ROLES = ['advisor', 'ops', 'admin'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Opens the decision store the server uses: DATABASE_URL, else PGlite under artifacts/store/, which a
 * running `credit serve` holds (then this fails with E_STORE_IN_USE rather than write a copy it never sees).
 */
export async function openCliStore(ctx: CommandContext, command: string) {
  const { openDecisionStore } = await import('../store/open-decision-store.js');
  return openDecisionStore({ root: ctx.root(), command, logger: ctx.logger });
}

/** `credit users add|list|disable`: advisor accounts (scrypt-hashed passwords, read from stdin). */
export function register(program: Command, ctx: CommandContext): void {
  const users = commandGroup(program, 'users', 'manage advisor, ops and admin accounts of the serving API');
  users
    .command('add <name>')
    .description(
      'create an account; the password is read from stdin (e.g. `printf %s "$PW" | credit users add ann`)',
    )
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'advisor')
    .action(async (name: string, opts: { role: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new PipelineError('bad_role', `--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
        throw new PipelineError('bad_user', `user name "${name}" must be 1-64 letters, digits, . _ -`);
      const password = await readStdin();
      if (password.length < 12)
        throw new PipelineError(
          'weak_password',
          'the password (from stdin) must have at least 12 characters',
        );
      const { hashPassword } = await import('@credit/serving');
      const store = await openCliStore(ctx, 'credit users add');
      try {
        await store.createUser(name, opts.role as (typeof ROLES)[number], await hashPassword(password));
      } finally {
        await store.close();
      }
      process.stdout.write(`created ${opts.role} ${name}\n`);
    });
  users
    .command('list')
    .description('list accounts (name, role, disabled)')
    .action(async () => {
      const store = await openCliStore(ctx, 'credit users list');
      try {
        for (const u of await store.listUsers())
          process.stdout.write(
            `${u.name.padEnd(20)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'active'}\n`,
          );
      } finally {
        await store.close();
      }
    });
  users
    .command('disable <name>')
    .description('disable an account and end its sessions')
    .action(async (name: string) => {
      const store = await openCliStore(ctx, 'credit users disable');
      try {
        if (!(await store.disableUser(name)))
          throw new PipelineError('unknown_user', `no user "${name}"; see \`credit users list\``);
      } finally {
        await store.close();
      }
      process.stdout.write(`disabled ${name}\n`);
    });
}
