import type { CliLogger } from '../logger.js';

/** What every command gets: the logger and global flags. */
export interface CommandContext {
  logger: CliLogger;
  /** Repository root (where artifacts/ and data/raw/ live), from --root or the current directory. */
  root(): string;
  verbose(): boolean;
}
