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
  type SimilaritySpace,
} from '../clients/population.js';
import type { ScoringModel } from '../deps.js';
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

  // The similarity space depends on the model (its scaling and importance): one per loaded model.
  const spaces = new WeakMap<ScoringModel, SimilaritySpace>();
  const populationOf = (id: number, kind: 'all' | 'similar', k: number) => {
    const data = deps.clients.population;
    if (!data)
      throw new ServingError('not_implemented', 'this client base cannot compare clients', { status: 501 });
    const row = data.rowOf(id);
    if (row === undefined) throw notInBase(id);
    let rows: Uint32Array | undefined;
    const rowsOf = () => {
      if (!rows) {
        const model = deps.model();
        let space = kind === 'similar' ? spaces.get(model) : undefined;
        if (kind === 'similar' && !space) spaces.set(model, (space = similaritySpace(data, model)));
        rows = populationRows(data, space ?? EMPTY_SPACE, row, kind, k);
      }
      return rows;
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
    const rows = rowsOf();
    res.json({
      population: q.population,
      size: rows.length,
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
    res.json({ points: scatterPoints(x, y, rowsOf()), client: { x: known(x[row]!), y: known(y[row]!) } });
  });
  return router;
}

const EMPTY_SPACE: SimilaritySpace = { features: [], dims: 0, points: new Float32Array(0) };
const notInBase = (id: number) =>
  new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });
