import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { authenticate, type Principal } from './auth/middleware.js';
import { hashToken } from './auth/secrets.js';
import { localLimiters } from './auth/throttle.js';
import { createDecisionWriter, type DecisionWriter } from './decision-log/writer.js';
import { defaultConfig, type AppDeps } from './deps.js';
import { ServingError } from './errors.js';
import { createMetrics } from './metrics.js';
import { loginRoutes, sessionRoutes } from './routes/auth.js';
import { clientRoutes } from './routes/clients.js';
import type { RouteContext } from './routes/context.js';
import { modelRoutes } from './routes/model.js';
import { metricsRoutes, publicRoutes } from './routes/operations.js';
import { oversightRoutes } from './routes/oversight.js';
import { scoringRoutes } from './routes/scoring.js';

export interface ServingApp {
  app: express.Express;
  decisions: DecisionWriter;
  /** Flushes the decision log. */
  close(): Promise<void>;
}

/**
 * The Express app (no listen): middleware and the routers of routes/*, in this order:
 *   request id + request log -> helmet -> metrics -> health/docs (public) -> static -> rate limit
 *   -> JSON body (415/413/400) -> login -> auth (key | session + CSRF) -> role -> zod validation (422)
 *   -> handler -> one error handler
 */
export function createApp(deps: AppDeps): ServingApp {
  const config = { ...defaultConfig, ...deps.config };
  const decisions = createDecisionWriter(deps.store);
  const ctx: RouteContext = {
    deps,
    config,
    now: deps.now ?? (() => new Date()),
    decisions,
    metrics: createMetrics({
      modelVersion: () => deps.model().version,
      pendingDecisions: () => decisions.pending,
    }),
    limiters: deps.cluster?.limiters ?? localLimiters,
  };
  const rateLimiter = ctx.limiters({
    name: 'requests',
    limit: config.rateLimitPerMinute,
    windowMs: 60 * 1000,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Score the client base with the current model in the background (at start and after each reload),
  // so GET /v1/clients answers from memory; readiness reports it.
  const warmCurrent = async () => {
    const model = deps.model();
    const started = performance.now();
    const wasWarm = deps.clients.isWarm?.(model) ?? true;
    await deps.clients.warm?.(model);
    if (!wasWarm)
      deps.logger?.info('client base scored', {
        modelVersion: model.version,
        ms: Math.round(performance.now() - started),
      });
  };
  const warmInBackground = () => {
    try {
      if (deps.clients.isWarm && !deps.clients.isWarm(deps.model()))
        warmCurrent().catch((e: unknown) =>
          deps.logger?.error('scoring the client base failed', { error: (e as Error).message }),
        );
    } catch {
      // no model yet: readiness answers 503
    }
  };
  warmInBackground();

  // 1. request id, one log line per request (ids and figures only: no client fields, no bodies)
  app.use((req, res, next) => {
    const started = performance.now();
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', res.locals.requestId as string);
    res.on('finish', () =>
      deps.logger?.info('request', {
        requestId: res.locals.requestId,
        method: req.method,
        route: routePattern(req),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: (res.locals.principal as Principal | undefined)?.user ?? null,
      }),
    );
    warmInBackground(); // a hot reload swapped the model: start scoring the base with the new one
    next();
  });
  app.use(helmet());
  app.use((req, res, next) => {
    const end = ctx.metrics.latency.startTimer();
    res.on('finish', () => end({ method: req.method, route: routePattern(req), status: res.statusCode }));
    next();
  });

  // 2. public routes, then the dashboard's files (public; its API calls are authenticated; GET/HEAD only)
  app.use(publicRoutes(ctx, warmCurrent));
  if (deps.staticDir) app.use(express.static(deps.staticDir, { index: 'index.html', redirect: false }));

  // 3. rate limit, content type, body
  app.use(async (req, _res, next) => {
    const wait = await rateLimiter.hit(
      req.get('x-api-key') ? hashToken(req.get('x-api-key') ?? '') : (req.ip ?? 'unknown'),
    );
    if (wait > 0)
      throw new ServingError('rate_limited', `too many requests; retry in ${wait} s`, {
        status: 429,
        retryAfterSeconds: wait,
      });
    next();
  });
  app.use((req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      throw new ServingError('unsupported_media_type', 'send the body as application/json', { status: 415 });
    }
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  // 4. login (public), then everything under /v1 authenticated
  app.use(loginRoutes(ctx));
  const auth = authenticate(deps.store, ctx.now);
  app.use('/v1', auth);
  app.use(sessionRoutes(ctx));
  app.use(scoringRoutes(ctx));
  app.use(metricsRoutes(ctx, auth));
  app.use(clientRoutes(ctx));
  app.use(modelRoutes(ctx));
  app.use(oversightRoutes(ctx));

  // 5. unknown route + the one error handler
  app.use((req) => {
    throw new ServingError('not_found', `no route ${req.method} ${req.path}`, { status: 404 });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toServingError(err);
    if (e.status >= 500)
      deps.logger?.error('request failed', {
        requestId: res.locals.requestId,
        code: e.code,
        error: e.cause instanceof Error ? e.cause.message : e.message,
      });
    if (e.retryAfterSeconds !== undefined) res.set('Retry-After', String(e.retryAfterSeconds));
    res.status(e.status).json({
      error: {
        code: e.code,
        message: e.status >= 500 ? 'internal error; quote the request id' : e.message,
        requestId: res.locals.requestId,
        ...(e.fields ? { fields: e.fields } : {}),
      },
    });
  });

  return { app, decisions: ctx.decisions, close: () => ctx.decisions.close() };
}

/** The matched route's pattern ("/v1/clients/:id"), never the concrete path (it holds client ids). */
function routePattern(req: Request): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  return path === undefined ? 'unmatched' : `${req.baseUrl}${path}`;
}

/** Maps body-parser and unknown errors onto ServingError without leaking internals. */
function toServingError(err: unknown): ServingError {
  if (err instanceof ServingError) return err;
  const t = (err as { type?: string; status?: number }).type;
  if (t === 'entity.too.large')
    return new ServingError('payload_too_large', 'request body too large', { status: 413 });
  if (t === 'entity.parse.failed')
    return new ServingError('bad_request', 'request body is not valid JSON', { status: 400 });
  if (t === 'encoding.unsupported' || t === 'charset.unsupported')
    return new ServingError('unsupported_media_type', 'send UTF-8 JSON', { status: 415 });
  const s = (err as { status?: number }).status;
  if (typeof s === 'number' && s >= 400 && s < 500)
    return new ServingError('bad_request', 'malformed request', { status: s });
  return new ServingError('internal', 'internal error', { cause: err, status: 500 });
}
