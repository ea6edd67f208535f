import { TrackingError } from './errors.js';
import type { ModelVersionRecord, Tracker } from './tracker.js';

/** What the gate compares: logged on each training run by logTrainingRun. */
export const GATE = {
  auc: 'val_auc',
  cost: 'val_business_cost',
  dataHashTag: 'validation_data_hash',
} as const;

export interface PromoteOptions {
  tracker: Tracker;
  model?: string;
  candidateAlias?: string;
  championAlias?: string;
  /** Promote even when the gate says no; requires a reason, recorded as a tag. */
  force?: boolean;
  reason?: string;
}

export interface Contender {
  version: string;
  runId?: string;
  auc?: number;
  cost?: number;
  dataHash?: string;
}

export interface PromoteDecision {
  promoted: boolean;
  forced: boolean;
  /** Why, in one sentence. */
  explanation: string;
  candidate: Contender;
  champion?: Contender;
}

async function contender(tracker: Tracker, v: ModelVersionRecord): Promise<Contender> {
  if (!v.runId) return { version: v.version };
  const run = await tracker.getRun(v.runId);
  return {
    version: v.version,
    runId: v.runId,
    auc: run.metrics[GATE.auc],
    cost: run.metrics[GATE.cost],
    dataHash: run.tags[GATE.dataHashTag],
  };
}

/** The gate's verdict: undefined when the candidate may replace the champion, else the reason it may not. */
export function gateRefusal(candidate: Contender, champion: Contender): string | undefined {
  if (candidate.auc === undefined || candidate.cost === undefined)
    return `candidate v${candidate.version} lacks ${GATE.auc} or ${GATE.cost} on its run`;
  if (champion.auc === undefined || champion.cost === undefined)
    return `champion v${champion.version} lacks ${GATE.auc} or ${GATE.cost} on its run: use --force --reason`;
  if (!candidate.dataHash || candidate.dataHash !== champion.dataHash)
    return `validation data differ (${GATE.dataHashTag} ${candidate.dataHash ?? 'missing'} vs ${champion.dataHash ?? 'missing'}): the metrics are not comparable`;
  if (!(candidate.auc > champion.auc))
    return `AUC ${candidate.auc.toFixed(4)} does not beat the champion's ${champion.auc.toFixed(4)}`;
  if (!(candidate.cost < champion.cost))
    return `business cost ${candidate.cost.toFixed(4)} is not lower than the champion's ${champion.cost.toFixed(4)}`;
  return undefined;
}

/**
 * Moves the champion alias to the candidate only if it beats the champion on AUC AND business cost on the
 * same validation data (no champion yet: promote). `force` overrides the gate and records `reason`.
 */
export async function promote(opts: PromoteOptions): Promise<PromoteDecision> {
  const { tracker } = opts;
  const model = opts.model ?? 'credit-scoring';
  const candidateAlias = opts.candidateAlias ?? 'challenger';
  const championAlias = opts.championAlias ?? 'champion';
  if (opts.force && !opts.reason?.trim())
    throw new TrackingError(
      'E_FORCE_WITHOUT_REASON',
      'promote --force needs --reason "<why>": the reason is recorded on the model version',
    );
  const cand = await tracker.getAlias(model, candidateAlias);
  if (!cand)
    throw new TrackingError(
      'E_NO_CANDIDATE',
      `model "${model}" has no "${candidateAlias}" alias in ${tracker.location}: train a model first (credit train)`,
    );
  const champ = await tracker.getAlias(model, championAlias);
  const candidate = await contender(tracker, cand);
  const champion = champ ? await contender(tracker, champ) : undefined;
  if (champion && champion.version === candidate.version)
    return {
      promoted: false,
      forced: false,
      explanation: `v${candidate.version} is already ${championAlias}`,
      candidate,
      champion,
    };

  const refusal = champion ? gateRefusal(candidate, champion) : undefined;
  if (refusal && !opts.force)
    return { promoted: false, forced: false, explanation: `not promoted: ${refusal}`, candidate, champion };

  await tracker.setAlias(model, championAlias, candidate.version);
  const tags: Record<string, string> = {
    'promotion.time': new Date().toISOString(),
    'promotion.previous_champion': champion?.version ?? 'none',
    'promotion.forced': String(Boolean(refusal && opts.force)),
  };
  if (opts.force && opts.reason) tags['promotion.reason'] = opts.reason;
  for (const [k, v] of Object.entries(tags)) await tracker.setModelVersionTag(model, candidate.version, k, v);
  if (candidate.runId && opts.force && opts.reason)
    await tracker.setTags(candidate.runId, { 'promotion.forced_reason': opts.reason });
  const explanation = !champion
    ? `v${candidate.version} promoted to ${championAlias} (there was no champion)`
    : refusal
      ? `v${candidate.version} promoted to ${championAlias} by force (${opts.reason}); the gate said: ${refusal}`
      : `v${candidate.version} promoted to ${championAlias}: beats v${champion.version} on AUC and business cost`;
  return { promoted: true, forced: Boolean(refusal), explanation, candidate, champion };
}
