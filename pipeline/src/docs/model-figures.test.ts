import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURE_DOCS, FIGURES_FILE } from '../commands/docs.js';
import { fillFigureBlocks, type BundleFigures } from './model-figures.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

describe('figures in the methodology note and the model card', () => {
  const figures = JSON.parse(readFileSync(join(repoRoot, FIGURES_FILE), 'utf8')) as BundleFigures;

  it.each(FIGURE_DOCS)('%s shows exactly the figures of the committed run snapshot', (doc) => {
    const text = readFileSync(join(repoRoot, doc), 'utf8');
    expect(text).toMatch(/<!-- figures:cv source=/);
    // Re-rendering changes nothing: a hand-edited or stale figure fails here.
    expect(fillFigureBlocks(text, () => figures)).toBe(text);
  });

  it('renders a stale block anew', () => {
    const stale = `<!-- figures:cv source=${FIGURES_FILE} -->\n| MLP | 0.999 |\n<!-- /figures:cv -->`;
    const fresh = fillFigureBlocks(stale, () => figures);
    expect(fresh).not.toBe(stale);
    expect(fresh).toContain(figures.manifest.metrics.mlp.rocAuc.toFixed(3));
  });
});
