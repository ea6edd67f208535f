import { Router, type RequestHandler } from 'express';
import { requireRole } from '../auth/middleware.js';
import { docsPage } from '../docs-page.js';
import { openApiDocument } from '../openapi.js';
import type { RouteContext } from './context.js';

/** How long /health/ready waits for the client base scoring before answering not ready. */
const READY_WAIT_MS = 1000;

/** Health, the OpenAPI document and its page: public, before rate limiting and authentication. */
export function publicRoutes({ deps }: RouteContext, warmCurrent: () => Promise<void>): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  // Ready = a model is loaded and the whole client base is scored with it (GET /v1/clients is then fast).
  router.get('/health/ready', async (_req, res) => {
    let version: string;
    try {
      version = deps.model().version;
    } catch {
      res.status(503).json({ status: 'not_ready', reason: 'no model loaded' });
      return;
    }
    const { isWarm } = deps.clients;
    if (isWarm && !isWarm(deps.model())) {
      await Promise.race([warmCurrent(), new Promise((ok) => setTimeout(ok, READY_WAIT_MS).unref())]);
      if (!isWarm(deps.model())) {
        res
          .status(503)
          .json({ status: 'not_ready', modelVersion: version, reason: 'scoring the client base' });
        return;
      }
    }
    res.json({ status: 'ready', modelVersion: version });
  });
  router.get('/openapi.json', (_req, res) => void res.json(openApiDocument()));
  router.get('/docs', (_req, res) => void res.type('html').send(docsPage()));
  return router;
}

/** GET /metrics (Prometheus text), ops only; outside /v1 so it takes the auth middleware itself. */
export function metricsRoutes({ deps, metrics }: RouteContext, auth: RequestHandler): Router {
  const router = Router();
  // With several worker processes, any of them answers the scrape with the sum over all of them.
  deps.cluster?.provideMetrics(() => metrics.registry.getMetricsAsJSON());
  router.get('/metrics', auth, requireRole('ops'), async (_req, res) => {
    const text = deps.cluster ? await deps.cluster.clusterMetrics() : await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  });
  return router;
}
