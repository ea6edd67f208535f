import { randomBytes } from 'node:crypto';
import type { CommandContext } from '../cli/context.js';
import { openCliStore } from '../commands/users.js';

export const DEMO_ADVISOR = 'demo-advisor';

/**
 * Creates the demo advisor account on first run. Returns the password only when it was just created
 * (it is printed once, stored hashed, and never again recoverable); null when the account exists.
 */
export async function ensureDemoAdvisor(ctx: CommandContext): Promise<string | null> {
  const { hashPassword } = await import('@credit/serving');
  const store = await openCliStore(ctx, 'credit run');
  try {
    if (await store.findUser(DEMO_ADVISOR)) return null;
    const password = randomBytes(12).toString('base64url');
    await store.createUser(DEMO_ADVISOR, 'advisor', await hashPassword(password));
    return password;
  } finally {
    await store.close();
  }
}
