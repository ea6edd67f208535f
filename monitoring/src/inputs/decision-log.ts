/**
 * Current data from the serving decision log over a time window. Uses @credit/data's store
 * (openStore + listDecisions with the stored input features) when that package provides it.
 */
import { MonitoringError } from '../errors.js';
import type { LoadedTable } from './load.js';

interface DecisionLike {
  features?: Record<string, number | null> | number[];
  score?: number;
  probability?: number;
}
interface StoreLike {
  listDecisions(window: { since?: Date; until?: Date }): Promise<DecisionLike[]>;
  close?(): Promise<void>;
}

export async function loadDecisionLog(
  names: string[],
  window: { since?: Date; until?: Date },
  storeOptions: Record<string, unknown>,
): Promise<LoadedTable & { predictions: Float64Array }> {
  const data = (await import('@credit/data')) as unknown as {
    openStore?: (o: unknown) => Promise<StoreLike>;
  };
  if (typeof data.openStore !== 'function')
    throw new MonitoringError(
      'E_DRIFT_LOG_UNAVAILABLE',
      '--current log needs the decision store of @credit/data (openStore), which this build lacks: pass a features.arrow file or a Kaggle folder',
    );
  const store = await data.openStore(storeOptions);
  try {
    const decisions = await store.listDecisions(window);
    if (decisions.length === 0)
      throw new MonitoringError(
        'E_DRIFT_LOG_EMPTY',
        'no decision in the log for the --since/--until window: widen it',
      );
    const columns = names.map(() => new Float64Array(decisions.length));
    const predictions = new Float64Array(decisions.length);
    decisions.forEach((d, r) => {
      names.forEach((n, c) => {
        const v = Array.isArray(d.features) ? d.features[c] : d.features?.[n];
        columns[c]![r] = typeof v === 'number' ? v : NaN;
      });
      predictions[r] = d.probability ?? d.score ?? NaN;
    });
    return {
      names,
      columns,
      target: new Float64Array(decisions.length).fill(NaN),
      source: 'decision log',
      predictions,
    };
  } finally {
    await store.close?.();
  }
}
