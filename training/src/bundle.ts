import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { selectBackend } from './backend.js';
import { TrainingError } from './errors.js';
import { specToSvg, svgToPng } from './explain/chart-render.js';
import { importanceChartSpec, type FieldImportance } from './importance.js';
import { silentLogger, type Logger } from './logger.js';
import { BUNDLE_FORMAT_VERSION, type Manifest } from './manifest.js';
import { createScoringModel, type ScoringModel } from './scoring-model.js';
import type { TrainingArtifact } from './train.js';

export interface SaveBundleOptions {
  /** Reports to write under reports/ (TrainingResult.artifacts). */
  artifacts?: TrainingArtifact[];
  /** Path of the recipe.json the features came from: copied into the bundle. */
  recipePath?: string;
}

/**
 * Writes the bundle folder: manifest.json, model.json + weights.bin, baselines.json, MLmodel, recipe.json,
 * reports/. Everything goes to a temporary sibling folder first, then one rename replaces `dir`.
 */
export async function saveBundle(
  dir: string,
  model: ScoringModel,
  options: SaveBundleOptions = {},
): Promise<void> {
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(join(tmp, 'reports'), { recursive: true });
  try {
    await model.network.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights =
          artifacts.weightData instanceof ArrayBuffer
            ? artifacts.weightData
            : tf.io.concatenateArrayBuffers(artifacts.weightData ?? []);
        const modelJson = {
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        };
        await writeFile(join(tmp, 'model.json'), JSON.stringify(modelJson));
        await writeFile(join(tmp, 'weights.bin'), new Uint8Array(weights));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const m = model.manifest;
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(m, null, 2));
    await writeFile(join(tmp, 'baselines.json'), JSON.stringify(explanationBaselines(m), null, 2));
    await writeFile(join(tmp, 'MLmodel'), mlmodelYaml(m));
    if (options.recipePath) await copyFile(options.recipePath, join(tmp, 'recipe.json'));
    for (const a of options.artifacts ?? [])
      await writeFile(join(tmp, 'reports', a.name), JSON.stringify(a.content, null, 2));
    const importance = options.artifacts?.find((a) => a.name === 'importance.json');
    if (importance) await writeImportanceChart(join(tmp, 'reports'), importance.content, m);
    if (existsSync(dir)) await rm(dir, { recursive: true });
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (error instanceof TrainingError) throw error;
    throw new TrainingError(
      'E_BUNDLE_WRITE',
      `could not write the model bundle to ${dir}: check the folder is writable`,
      { cause: error },
    );
  }
}

/**
 * reports/importance.vl.json (Vega-Lite, with the plain field labels of the manifest), importance.svg and
 * importance.png: permutation importance and mean |attribution| per business field.
 */
async function writeImportanceChart(reports: string, content: unknown, m: Manifest): Promise<void> {
  const spec = importanceChartSpec(content as FieldImportance[], 20, m.fieldInfo);
  await writeFile(join(reports, 'importance.vl.json'), JSON.stringify(spec, null, 2));
  let svg: string;
  let png: Uint8Array;
  try {
    svg = await specToSvg(spec);
    png = await svgToPng(svg);
  } catch (error) {
    throw new TrainingError(
      'E_BUNDLE_CHART',
      `could not render the importance chart (vega, vega-lite, @resvg/resvg-js): ${(error as Error).message}; reinstall the training workspace's dependencies (npm ci)`,
      { cause: error },
    );
  }
  await writeFile(join(reports, 'importance.svg'), svg);
  await writeFile(join(reports, 'importance.png'), png);
}

/** Medians (the reference client) and each feature's quantile knots ("lower than for 85% of clients"). */
function explanationBaselines(m: Manifest) {
  return {
    medians: m.baselines.medians,
    distributions: Object.fromEntries(
      m.preprocessing.features.map((f) => [
        f.name,
        { knots: f.knots, levels: f.levels, missingRate: f.missingRate },
      ]),
    ),
  };
}

function mlmodelYaml(m: Manifest): string {
  const inputs = JSON.stringify(m.featureNames.map((name) => ({ type: 'double', name, required: false })));
  const outputs = JSON.stringify([{ type: 'double', name: 'probability', required: true }]);
  return [
    'artifact_path: model',
    'flavors:',
    '  credit_scoring_tfjs:',
    `    format_version: ${m.formatVersion}`,
    '    manifest: manifest.json',
    '    model: model.json',
    `    tfjs_backend: ${m.tfjsBackend}`,
    `    threshold: ${m.threshold}`,
    'model_uuid: null',
    `utc_time_created: '${m.createdAt}'`,
    'signature:',
    `  inputs: '${inputs.replace(/'/g, "''")}'`,
    `  outputs: '${outputs}'`,
    '',
  ].join('\n');
}

/** Reads a bundle folder back into a ScoringModel. */
export async function loadBundle(dir: string, logger: Logger = silentLogger): Promise<ScoringModel> {
  await selectBackend(logger);
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      throw new TrainingError(
        'E_BUNDLE_READ',
        `model bundle ${dir} has no readable ${name}: point --model at a folder written by credit train`,
        { cause: error },
      );
    }
  };
  const manifest = JSON.parse((await read('manifest.json')).toString('utf8')) as Manifest;
  if (manifest.formatVersion !== BUNDLE_FORMAT_VERSION)
    throw new TrainingError(
      'E_BUNDLE_VERSION',
      `model bundle ${dir} has format ${manifest.formatVersion}; this code reads format ${BUNDLE_FORMAT_VERSION}: retrain the model`,
    );
  const modelJson = JSON.parse((await read('model.json')).toString('utf8')) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weights = await read('weights.bin');
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const network = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0]!.weights,
      weightData,
    }),
  );
  return createScoringModel(manifest, network);
}
