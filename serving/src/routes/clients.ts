import { Router } from 'express';
import { requireRole } from '../auth/middleware.js';
import { clientDetail } from '../clients/detail.js';
import { listClients, listQuery } from '../clients/list.js';
import {
  checkField,
  distribution,
  populationRows,
  scatterPoints,
  similaritySpace,
  type PopulationKind,
  type SimilaritySpace,
} from '../clients/population.js';
import { incomeCutsOf, segmentOf, type SegmentRule } from '../clients/segment.js';
import type { PopulationData, ScoringModel } from '../deps.js';
import { ServingError } from '../errors.js';
import { clientId, compareQuery, scatterQuery } from '../schemas.js';
import { validate } from '../validate.js';
import type { RouteContext } from './context.js';

/** The client base: list, application, explanation, comparison with other clients, scatter. */
export function clientRoutes({ deps }: RouteContext): Router {
  const router = Router();
  const reader = requireRole('advisor', 'ops');

  router.get('/v1/clients', reader, async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const model = deps.model();
    if (!deps.clients.listAll)
      throw new ServingError('not_implemented', 'this client base cannot list clients', { status: 501 });
    await deps.clients.warm?.(model); // joins the background scoring started at load instead of redoing it
    res.json(listClients(deps.clients.listAll(model), q));
  });
  router.get('/v1/clients/:id', reader, (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const application = deps.clients.applicationOf?.(id);
    if (!application)
      throw new ServingError(
        'not_found',
        `client ${id} has no application row here (unknown id, or the server was started without --data)`,
        { status: 404 },
      );
    res.json(clientDetail(id, application, deps.model().info));
  });

  router.get('/v1/clients/:id/explanation', reader, (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const model = deps.model();
    const vector = deps.clients.vectorOf(id);
    if (!vector) throw notInBase(id);
    if (!model.explain)
      throw new ServingError('not_implemented', 'this model cannot explain its decisions', { status: 501 });
    res.json({ clientId: id, modelVersion: model.version, ...model.explain(vector) });
  });

  // The similarity space depends on the model (its scaling and importance): one per loaded model;
  // the income fifths of the segment rules depend on the base only.
  const spaces = new WeakMap<ScoringModel, SimilaritySpace>();
  const incomeCuts = new WeakMap<PopulationData, Float64Array | undefined>();
  const populationOf = (id: number, kind: PopulationKind, k: number) => {
    const data = deps.clients.population;
    if (!data)
      throw new ServingError('not_implemented', 'this client base cannot compare clients', { status: 501 });
    const row = data.rowOf(id);
    if (row === undefined) throw notInBase(id);
    let picked: { rows: Uint32Array; segment?: SegmentRule[] } | undefined;
    const rowsOf = () => {
      if (!picked) {
        if (kind === 'segment') {
          if (!incomeCuts.has(data)) incomeCuts.set(data, incomeCutsOf(data));
          const s = segmentOf(data, row, incomeCuts.get(data));
          picked = { rows: s.rows, segment: s.rules };
        } else {
          const model = deps.model();
          let space = kind === 'similar' ? spaces.get(model) : undefined;
          if (kind === 'similar' && !space) spaces.set(model, (space = similaritySpace(data, model)));
          picked = { rows: populationRows(data, space ?? EMPTY_SPACE, row, kind, k) };
        }
      }
      return picked;
    };
    return { data, row, rowsOf };
  };
  const labelOf = (field: string) => deps.model().info?.fieldInfo?.[field]?.label ?? field;

  router.get('/v1/clients/:id/compare', reader, (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const q = validate(compareQuery, req.query, 'query');
    const { data, row, rowsOf } = populationOf(id, q.population, q.k);
    const fields = [...new Set(q.fields.split(',').map((f) => f.trim()))].filter(Boolean);
    const columns = fields.map((f) => checkField(data, f, 'query.fields')); // all checked before any work
    const { rows, segment } = rowsOf();
    res.json({
      population: q.population,
      size: rows.length,
      ...(segment ? { segment } : {}),
      fields: fields.map((field, i) => ({
        field,
        label: labelOf(field),
        ...distribution(columns[i]!, rows, columns[i]![row]!),
      })),
    });
  });
  router.get('/v1/clients/:id/scatter', reader, (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const q = validate(scatterQuery, req.query, 'query');
    const { data, row, rowsOf } = populationOf(id, q.population, q.k);
    const x = checkField(data, q.x, 'query.x');
    const y = checkField(data, q.y, 'query.y');
    const known = (v: number) => (Number.isFinite(v) ? v : null);
    const { rows, segment } = rowsOf();
    res.json({
      ...(segment ? { segment } : {}),
      points: scatterPoints(x, y, rows),
      client: { x: known(x[row]!), y: known(y[row]!) },
    });
  });
  return router;
}

const EMPTY_SPACE: SimilaritySpace = { features: [], dims: 0, points: new Float32Array(0) };
const notInBase = (id: number) =>
  new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });
