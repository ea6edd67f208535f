import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { readFileSync } from 'node:fs';
import { readFeatureFile, readWholeFile, writeFeatureFile } from './arrow-file.js';
import { buildFeatures } from './build.js';
import { readRecipeFile, writeRecipeFile } from './recipe-file.js';
import { fixtureTables } from './testing/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { table, recipe } = buildFeatures(fixtureTables());

describe('features.arrow', () => {
  it('reads a file in pieces, byte for byte (fs.readFile stops at 2 GiB; full-scale features pass it)', async () => {
    const path = join(dir, 'pieces.bin');
    const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 251));
    writeFileSync(path, content);
    expect(Buffer.from(await readWholeFile(path, 7)).equals(content)).toBe(true);
    expect(Buffer.from(await readWholeFile(path)).equals(content)).toBe(true);
    rmSync(path);
  });
  it('round-trips ids, target and every feature bit for bit (NaN, -0, ±Infinity kept)', async () => {
    const path = join(dir, 'features.arrow');
    await writeFeatureFile(path, table);
    expect(readdirSync(dir)).toEqual(['features.arrow']); // no temporary file left
    const back = await readFeatureFile(path);
    expect(back.names).toEqual(table.names);
    expect(Array.from(back.ids)).toEqual(Array.from(table.ids));
    expect(Array.from(back.target)).toEqual(Array.from(table.target));
    back.columns.forEach((c, j) => expect(Array.from(c)).toEqual(Array.from(table.columns[j]!)));
    expect(back.columns[table.names.indexOf('INCOME_CREDIT_PERC')]![1]).toBe(Infinity);
  });

  it('is an Arrow IPC file with SK_ID_CURR, TARGET then the features, all float64', () => {
    const arrow = tableFromIPC(readFileSync(join(dir, 'features.arrow')));
    expect(arrow.names.slice(0, 3)).toEqual(['SK_ID_CURR', 'TARGET', 'CODE_GENDER']);
    expect(
      arrow.schema.fields.every(
        (f) => f.type.typeId === 3 && (f.type as { precision: number }).precision === 2,
      ),
    ).toBe(true);
  });

  it('refuses a file that is not Arrow, naming it', async () => {
    const bad = join(dir, 'bad.arrow');
    writeFileSync(bad, 'not arrow');
    await expect(readFeatureFile(bad)).rejects.toThrow(/bad\.arrow/);
    await expect(readFeatureFile(join(dir, 'none.arrow'))).rejects.toMatchObject({
      code: 'FEATURE_FILE_READ',
    });
  });
});

describe('recipe.json', () => {
  it('round-trips and detects a hand edit through its hash', async () => {
    const path = join(dir, 'recipe.json');
    await writeRecipeFile(path, recipe);
    expect(await readRecipeFile(path)).toEqual(recipe);
    writeFileSync(path, JSON.stringify({ ...recipe, features: recipe.features.slice(1) }));
    await expect(readRecipeFile(path)).rejects.toMatchObject({ code: 'RECIPE_HASH' });
  });
});
