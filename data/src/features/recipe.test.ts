import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeatures, fitRecipe } from './build.js';
import type { FeatureRecipe } from './recipe.js';
import { recipeHash } from './recipe.js';
import { readRecipeFile, writeRecipeFile } from './recipe-file.js';
import { derivedFixtureTables } from './testing/derived-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'recipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hash as every recipe.json and model bundle written before optional groups existed has it. */
function hashBeforeOptionalGroups(r: FeatureRecipe): string {
  const { formatVersion, recipe: name, tables, factorize, features } = r;
  const canonical = JSON.stringify({ formatVersion, name, tables, factorize, features });
  return createHash('sha256').update(canonical).digest('hex');
}

const tables = derivedFixtureTables();
const plain = fitRecipe(tables);
const derived = fitRecipe(tables, { extraGroups: ['derived'] });

describe('recipe hash and optional groups', () => {
  it('keeps the hash and the fields of a recipe without optional groups as they were', () => {
    expect(plain.hash).toBe(hashBeforeOptionalGroups(plain));
    expect(Object.keys(plain)).toEqual([
      'formatVersion',
      'recipe',
      'tables',
      'factorize',
      'features',
      'hash',
    ]);
    expect(recipeHash({ ...plain, extraGroups: [] })).toBe(plain.hash);
  });

  it('hashes the group list of a recipe with optional groups', () => {
    expect(derived.hash).not.toBe(plain.hash);
    expect(derived.hash).toBe(recipeHash(derived));
    // Same feature list without the field: another hash, so the field cannot be dropped silently.
    expect(recipeHash({ ...derived, extraGroups: undefined })).not.toBe(derived.hash);
    expect(fitRecipe(tables, { extraGroups: ['derived', 'derived'] })).toEqual(derived);
  });

  it('loads an old recipe.json (no extraGroups) and builds the same columns as before', async () => {
    const path = join(dir, 'old.json');
    writeFileSync(path, `${JSON.stringify(plain, null, 1)}\n`);
    const old = await readRecipeFile(path);
    expect(old.extraGroups).toBeUndefined();
    const before = buildFeatures(tables, plain);
    const after = buildFeatures(tables, old);
    expect(after.table.names).toEqual(plain.features);
    after.table.columns.forEach((c, j) => expect(c).toEqual(before.table.columns[j]));
  });

  it('round-trips a recipe with the group and rejects a group list edited by hand', async () => {
    const path = join(dir, 'derived.json');
    await writeRecipeFile(path, derived);
    expect(await readRecipeFile(path)).toEqual(derived);
    const { extraGroups: _, ...withoutField } = derived;
    writeFileSync(path, JSON.stringify(withoutField));
    await expect(readRecipeFile(path)).rejects.toMatchObject({ code: 'RECIPE_HASH' });
    writeFileSync(path, JSON.stringify({ ...derived, extraGroups: ['derived', 'future'] }));
    await expect(readRecipeFile(path)).rejects.toMatchObject({ code: 'RECIPE_FORMAT' });
  });
});
