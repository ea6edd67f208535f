import { Router } from 'express';
import { requireRole } from '../auth/middleware.js';
import { ServingError } from '../errors.js';
import { clientId, overrideBody } from '../schemas.js';
import { validate } from '../validate.js';
import { principalOf, type RouteContext } from './context.js';

/** Human oversight: an advisor's override of a decision, and a client's decision history. */
export function oversightRoutes({ deps, now }: RouteContext): Router {
  const router = Router();
  router.post('/v1/clients/:id/overrides', requireRole('advisor'), async (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const body = validate(overrideBody, req.body, 'body');
    if (!deps.clients.vectorOf(id))
      throw new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });
    const o = await deps.store.insertOverride({
      clientId: id,
      user: principalOf(res).user,
      ...body,
      createdAt: now(),
    });
    res.status(201).json(o);
  });
  router.get('/v1/clients/:id/decisions', requireRole('advisor', 'ops'), async (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const items = await deps.store.listHistory(id);
    // drift features stay out of the advisor view
    res.json({ items: items.map((i) => (i.kind === 'decision' ? { ...i, features: undefined } : i)) });
  });
  return router;
}
