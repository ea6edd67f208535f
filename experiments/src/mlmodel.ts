/**
 * A minimal MLmodel file for a bundle that lacks one (training writes the full one, with its signature).
 * MLflow's UI reads it to show the model's flavors.
 */
export function minimalMlmodel(opts: { runId: string; createdAt?: Date }): string {
  return [
    'artifact_path: model',
    'flavors:',
    '  credit_scoring_tfjs:',
    '    data: .',
    '    format: tfjs-layers',
    `run_id: ${opts.runId}`,
    `utc_time_created: '${(opts.createdAt ?? new Date()).toISOString().replace('T', ' ').replace('Z', '')}'`,
    '',
  ].join('\n');
}
