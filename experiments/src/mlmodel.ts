/**
 * A minimal MLmodel file for a bundle that lacks one (training normally writes the full one). MLflow's UI
 * reads it to show the model's flavor and its signature (inputs: the manifest's features, output: probability).
 */
export function minimalMlmodel(opts: { runId: string; features?: string[]; createdAt?: Date }): string {
  const lines = [
    'artifact_path: model',
    'flavors:',
    '  credit_scoring_tfjs:',
    '    data: .',
    '    format: tfjs-layers',
    `run_id: ${opts.runId}`,
  ];
  if (opts.features?.length) {
    const inputs = opts.features.map((name) => ({ type: 'double', name, required: false }));
    const outputs = [{ type: 'double', name: 'probability', required: true }];
    // Signature values are JSON strings inside YAML, as MLflow writes them.
    lines.push(
      'signature:',
      `  inputs: '${JSON.stringify(inputs).replace(/'/g, "''")}'`,
      `  outputs: '${JSON.stringify(outputs)}'`,
    );
  }
  lines.push(
    `utc_time_created: '${(opts.createdAt ?? new Date()).toISOString().replace('T', ' ').replace('Z', '')}'`,
    '',
  );
  return lines.join('\n');
}
