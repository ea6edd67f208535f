import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { basename } from 'node:path';

let commit: string | undefined | null = null;

/** The git commit of the working tree, or undefined outside a repository (cached per process). */
export function gitCommit(): string | undefined {
  if (commit === null) {
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      commit = undefined;
    }
  }
  return commit;
}

/** MLflow's system tags, as its Python client sets them, so the UI shows user, source and commit. */
export function systemTags(): Record<string, string> {
  const tags: Record<string, string> = {
    'mlflow.user': safeUser(),
    'mlflow.source.name': basename(process.argv[1] ?? 'credit'),
    'mlflow.source.type': 'LOCAL',
  };
  const c = gitCommit();
  if (c) tags['mlflow.source.git.commit'] = c;
  return tags;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
