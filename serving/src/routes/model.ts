import { Router } from 'express';
import { requireRole } from '../auth/middleware.js';
import type { RouteContext } from './context.js';

/** GET /v1/model: what the advisor needs to read a decision (threshold, costs, importance, dictionary). */
export function modelRoutes({ deps }: RouteContext): Router {
  const router = Router();
  router.get('/v1/model', requireRole('advisor', 'ops'), (_req, res) => {
    const model = deps.model();
    res.json({
      version: model.version,
      threshold: model.threshold,
      metrics: model.info?.metrics ?? null,
      costs: model.info?.costs ?? null,
      globalImportance: model.info?.globalImportance ?? [],
      features: model.featureNames,
      // business field -> { label, description } (Kaggle column dictionary carried by the bundle)
      dictionary: model.info?.fieldInfo ?? {},
    });
  });
  return router;
}
