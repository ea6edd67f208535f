import { DataError } from '@credit/data';
import { Router, type Response } from 'express';
import type { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import type { ScoringModel } from '../deps.js';
import { ServingError } from '../errors.js';
import { batchBody, scoreBody, whatIfBody } from '../schemas.js';
import { createKnownClientAnswers } from '../scoring/known-client-answers.js';
import { validate } from '../validate.js';
import { principalOf, type RouteContext } from './context.js';

/** POST /v1/score, /v1/score/batch (logged), POST /v1/what-if (never logged). */
export function scoringRoutes(ctx: RouteContext): Router {
  const { deps, config, now, decisions, metrics } = ctx;
  const router = Router();

  const scoreVector = (model: ScoringModel, vector: Float64Array, id?: number) => {
    const probability = model.predict(vector);
    return {
      ...(id !== undefined ? { clientId: id } : {}),
      probability,
      decision: model.decide(probability),
      threshold: model.threshold,
      modelVersion: model.version,
      reasons: model.reasons(vector, 5),
    };
  };
  // Shared between requests: never mutated after scoreVector builds it.
  const knownAnswers = createKnownClientAnswers<ReturnType<typeof scoreVector>>(config.knownClientAnswers);
  const scoreOne = (model: ScoringModel, input: z.output<typeof scoreBody>) => {
    if ('clientId' in input) {
      const vector = deps.clients.vectorOf(input.clientId);
      if (!vector) throw notInBase(input.clientId);
      const result = knownAnswers.get(model, input.clientId, () =>
        scoreVector(model, vector, input.clientId),
      );
      return { result, vector };
    }
    const vector = onlineVector(() => deps.clients.vectorFromApplication(input.application, input.history));
    return { result: scoreVector(model, vector), vector };
  };
  const logDecision = async (
    res: Response,
    model: ScoringModel,
    started: number,
    r: ReturnType<typeof scoreOne>,
  ) => {
    // Compact: the model's names array (stored once per feature set) and a copy of the values (the
    // client base may hand out a shared buffer), one per name; NaN/±Infinity are logged as missing (null).
    const values = new Float64Array(model.featureNames.length);
    for (let i = 0; i < values.length; i++) values[i] = r.vector[i] ?? NaN;
    const features = { names: model.featureNames, values };
    await decisions.write({
      createdAt: now(),
      requestId: res.locals.requestId as string,
      user: principalOf(res).user,
      clientId: r.result.clientId ?? null,
      modelVersion: model.version,
      features,
      probability: r.result.probability,
      decision: r.result.decision,
      latencyMs: performance.now() - started,
    });
  };

  router.post('/v1/score', requireRole('advisor', 'ops'), async (req, res) => {
    const started = performance.now();
    const input = validate(scoreBody, req.body, 'body');
    const model = deps.model(); // one model for the whole request, even if a reload swaps it meanwhile
    const r = scoreOne(model, input);
    await logDecision(res, model, started, r);
    metrics.decisions.inc({ decision: r.result.decision, model_version: model.version });
    res.json(r.result);
  });
  router.post('/v1/score/batch', requireRole('advisor', 'ops'), async (req, res) => {
    const started = performance.now();
    const body = validate(batchBody(config.maxBatch), req.body, 'body');
    const model = deps.model();
    const scored = body.applications.map((a) => scoreOne(model, a)); // all or nothing: a 404 fails the batch before logging
    for (const r of scored) {
      await logDecision(res, model, started, r);
      metrics.decisions.inc({ decision: r.result.decision, model_version: model.version });
    }
    res.json({ results: scored.map((r) => r.result) });
  });

  router.post('/v1/what-if', requireRole('advisor', 'ops'), (req, res) => {
    const body = validate(whatIfBody, req.body, 'body');
    const changes = checkChanges(body.changes, deps.clients.changeableFields?.());
    const model = deps.model();
    if ('clientId' in body) {
      const id = body.clientId;
      if (!deps.clients.vectorOf(id)) throw notInBase(id);
      if (!deps.clients.vectorWithChanges)
        throw new ServingError('not_implemented', 'this client base cannot recompute features', {
          status: 501,
        });
      const vector = onlineVector(() => deps.clients.vectorWithChanges!(id, changes));
      if (!vector)
        throw new ServingError(
          'not_found',
          `client ${id} has no application row here (the server was started without --data); send { application, changes } instead`,
          { status: 404 },
        );
      res.json(scoreVector(model, vector, id));
      return;
    }
    const vector = onlineVector(() =>
      deps.clients.vectorFromApplication({ ...body.application, ...changes }, body.history),
    );
    res.json(scoreVector(model, vector));
  });
  return router;
}

const notInBase = (id: number) =>
  new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });

/** The feature recipe's complaints about an application (a non-numeric amount...) are the caller's to fix. */
function onlineVector<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof DataError)
      throw new ServingError('validation_failed', e.message, {
        status: 422,
        cause: e,
        fields: [{ path: 'body.application', message: e.message }],
      });
    throw e;
  }
}

/** Every change must be a finite number on a field the recipe reads as numeric; each fault named. */
function checkChanges(
  changes: Record<string, unknown>,
  allowed: readonly string[] | undefined,
): Record<string, number> {
  const known = allowed ? new Set(allowed) : undefined;
  const faults: { path: string; message: string }[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (known && !known.has(field))
      faults.push({
        path: `body.changes.${field}`,
        message: `unknown field "${field}"; a what-if may change the numeric application fields: ${[...known].join(', ')}`,
      });
    else if (typeof value !== 'number' || !Number.isFinite(value))
      faults.push({ path: `body.changes.${field}`, message: `"${field}" must be a finite number` });
  }
  if (faults.length > 0)
    throw new ServingError('validation_failed', `invalid body: ${faults.map((f) => f.path).join(', ')}`, {
      status: 422,
      fields: faults,
    });
  return changes as Record<string, number>;
}
