import type { Command } from 'commander';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { PipelineError } from '../errors.js';

export const FIGURES_FILE = 'docs/figures/model-figures.json';
export const FIGURE_DOCS = ['docs/methodology.md', 'docs/model-card.md'];

/** `credit docs --model DIR`: refreshes the figures of the methodology note and the model card from a real bundle. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('docs')
    .description('rewrite the figures of docs/methodology.md and docs/model-card.md from a model bundle')
    .requiredOption('--model <dir>', 'model bundle folder (manifest.json + reports/)')
    .action(async (opts: { model: string }) => {
      const { readBundleFigures, fillFigureBlocks } = await import('../docs/model-figures.js');
      const root = ctx.root();
      let figures;
      try {
        figures = readBundleFigures(resolve(root, opts.model));
      } catch (cause) {
        throw new PipelineError(
          'E_NO_BUNDLE',
          `${opts.model} is not a readable model bundle: ${(cause as Error).message}`,
          { cause },
        );
      }
      mkdirSync(join(root, 'docs', 'figures'), { recursive: true });
      writeAtomically(join(root, FIGURES_FILE), `${JSON.stringify(figures, null, 2)}\n`);
      for (const doc of FIGURE_DOCS) {
        const path = join(root, doc);
        writeAtomically(
          path,
          fillFigureBlocks(readFileSync(path, 'utf8'), () => figures),
        );
        process.stdout.write(`updated ${doc}\n`);
      }
    });
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
