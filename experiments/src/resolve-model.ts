import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TrackingError } from './errors.js';
import { writeFileAtomic } from './fs-util.js';
import { parseModelUri, type Tracker } from './tracker.js';

/**
 * `models:/credit-scoring@champion`, `models:/credit-scoring/3` or a folder -> a local folder holding the
 * bundle. Registry versions are downloaded once into cacheDir/<name>/<version> (versions never change).
 */
export async function resolveModelUri(
  uri: string,
  tracker: Tracker,
  opts: { cacheDir: string },
): Promise<string> {
  const parsed = parseModelUri(uri);
  if (!parsed) {
    const dir = resolve(uri);
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
    throw new TrackingError(
      'E_MODEL_URI',
      `"${uri}" is neither a model folder nor a models:/NAME@ALIAS or models:/NAME/VERSION URI`,
    );
  }
  const version = parsed.alias
    ? (await tracker.getAlias(parsed.name, parsed.alias))?.version
    : parsed.version;
  if (!version)
    throw new TrackingError(
      'E_ALIAS_NOT_FOUND',
      `model "${parsed.name}" has no alias "${parsed.alias}" in ${tracker.location}: train and promote a model first`,
    );
  const dest = join(opts.cacheDir, encodeURIComponent(parsed.name), version);
  const marker = join(dest, '.complete');
  if (existsSync(marker) && !version.startsWith('pending-')) return dest;
  const tmp = `${dest}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const files = await tracker.downloadModelVersion(parsed.name, version, tmp);
  if (files.length === 0)
    throw new TrackingError('E_MODEL_EMPTY', `model "${parsed.name}" v${version} has no files`);
  await writeFileAtomic(join(tmp, '.complete'), `${uri} v${version}\n`);
  await rm(dest, { recursive: true, force: true });
  await rename(tmp, dest);
  return dest;
}
