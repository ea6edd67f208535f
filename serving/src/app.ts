import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { authenticate, requireRole, SESSION_COOKIE, type Principal } from './auth/middleware.js';
import { hashToken, newToken, verifyPassword } from './auth/secrets.js';
import { createLimiter } from './auth/throttle.js';
import { createDecisionWriter, type DecisionWriter } from './decision-log/writer.js';
import { defaultConfig, type AppDeps, type ScoringModel } from './deps.js';
import { ServingError } from './errors.js';
import { docsPage } from './docs-page.js';
import { createMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { batchBody, clientId, loginBody, overrideBody, scoreBody } from './schemas.js';
import { validate } from './validate.js';
import { listClients, listQuery } from './clients/list.js';
import { clientDetail } from './clients/detail.js';
import type { z } from 'zod';

export interface ServingApp {
  app: express.Express;
  decisions: DecisionWriter;
  /** Flushes the decision log. */
  close(): Promise<void>;
}

const SESSION_MS = 8 * 3600 * 1000;

/**
 * The Express app (no listen). Request flow:
 *   request id -> helmet -> health/docs (public) -> rate limit -> JSON body (415/413/400)
 *   -> auth (key | session + CSRF) -> role -> zod validation (422) -> handler -> one error handler
 */
export function createApp(deps: AppDeps): ServingApp {
  const config = { ...defaultConfig, ...deps.config };
  const now = deps.now ?? (() => new Date());
  const decisions = createDecisionWriter(deps.store);
  const loginLimiter = createLimiter(5, 15 * 60 * 1000);
  const rateLimiter = createLimiter(config.rateLimitPerMinute, 60 * 1000);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // 1. request id + security headers
  app.use((req, res, next) => {
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(helmet());
  const metrics = createMetrics();
  app.use((req, res, next) => {
    const end = metrics.latency.startTimer();
    res.on('finish', () =>
      end({
        method: req.method,
        route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
        status: res.statusCode,
      }),
    );
    next();
  });

  // 2. public routes
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/health/ready', (_req, res) => {
    try {
      res.json({ status: 'ready', modelVersion: deps.model().version });
    } catch {
      res.status(503).json({ status: 'not_ready' });
    }
  });
  app.get('/openapi.json', (_req, res) => void res.json(openApiDocument()));
  app.get('/docs', (_req, res) => void res.type('html').send(docsPage()));

  // The dashboard's files are public (its API calls are authenticated); GET/HEAD only, no listing.
  if (deps.staticDir) app.use(express.static(deps.staticDir, { index: 'index.html', redirect: false }));

  // 3. rate limit, content type, body
  app.use((req, _res, next) => {
    const wait = rateLimiter.hit(
      req.get('x-api-key') ? hashToken(req.get('x-api-key') ?? '') : (req.ip ?? 'unknown'),
    );
    if (wait > 0)
      throw new ServingError('rate_limited', `too many requests; retry in ${wait} s`, { status: 429 });
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

  // 4. auth routes
  app.post('/v1/auth/login', async (req, res) => {
    const body = validate(loginBody, req.body, 'body');
    const throttleKey = `${body.username}|${req.ip ?? ''}`;
    const user = await deps.store.findUser(body.username);
    const ok =
      user !== undefined && !user.disabled && (await verifyPassword(body.password, user.passwordHash));
    if (!ok || !user) {
      const wait = loginLimiter.hit(throttleKey);
      if (wait > 0)
        throw new ServingError('login_throttled', `too many failed logins; retry in ${wait} s`, {
          status: 429,
        });
      throw new ServingError('unauthenticated', 'wrong username or password', { status: 401 });
    }
    loginLimiter.reset(throttleKey);
    const token = newToken();
    const csrfToken = newToken();
    await deps.store.createSession(
      hashToken(token),
      user.name,
      csrfToken,
      new Date(now().getTime() + SESSION_MS),
    );
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies || req.secure,
      path: '/',
      maxAge: SESSION_MS,
    });
    res.json({ user: user.name, role: user.role, csrfToken });
  });

  const auth = authenticate(deps.store, now);
  app.use('/v1', auth);
  app.post('/v1/auth/logout', async (_req, res) => {
    const p = res.locals.principal as Principal;
    if (p.sessionHash) await deps.store.deleteSession(p.sessionHash);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  app.get('/v1/auth/me', (_req, res) => {
    const p = res.locals.principal as Principal;
    res.json({ user: p.user, role: p.role, csrfToken: p.csrfToken ?? null });
  });

  // 5. scoring
  const scoreOne = (model: ScoringModel, input: z.output<typeof scoreBody>) => {
    let vector: Float64Array | undefined;
    let id: number | undefined;
    if ('clientId' in input) {
      id = input.clientId;
      vector = deps.clients.vectorOf(id);
      if (!vector)
        throw new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });
    } else {
      vector = deps.clients.vectorFromApplication(input.application, input.history);
    }
    const probability = model.predict(vector);
    const result = {
      ...(id !== undefined ? { clientId: id } : {}),
      probability,
      decision: model.decide(probability),
      threshold: model.threshold,
      modelVersion: model.version,
      reasons: model.reasons(vector, 5),
    };
    return { result, vector };
  };
  const logDecision = async (
    res: Response,
    model: ScoringModel,
    started: number,
    r: ReturnType<typeof scoreOne>,
  ) => {
    const features: Record<string, number | null> = {};
    model.featureNames.forEach((n, i) => {
      const v = r.vector[i] ?? NaN;
      features[n] = Number.isFinite(v) ? v : null;
    });
    await decisions.write({
      createdAt: now(),
      requestId: res.locals.requestId as string,
      user: (res.locals.principal as Principal).user,
      clientId: r.result.clientId ?? null,
      modelVersion: model.version,
      features,
      probability: r.result.probability,
      decision: r.result.decision,
      latencyMs: performance.now() - started,
    });
  };
  app.post('/v1/score', requireRole('advisor', 'ops'), async (req, res) => {
    const started = performance.now();
    const input = validate(scoreBody, req.body, 'body');
    const model = deps.model(); // one model for the whole request, even if a reload swaps it meanwhile
    const r = scoreOne(model, input);
    await logDecision(res, model, started, r);
    metrics.decisions.inc({ decision: r.result.decision, model_version: model.version });
    res.json(r.result);
  });
  app.post('/v1/score/batch', requireRole('advisor', 'ops'), async (req, res) => {
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
  app.get('/metrics', auth, requireRole('ops'), async (_req, res) => {
    metrics.modelInfo.reset();
    metrics.modelInfo.set({ version: deps.model().version }, 1);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/v1/clients', requireRole('advisor', 'ops'), (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const model = deps.model();
    if (!deps.clients.listAll)
      throw new ServingError('not_implemented', 'this client base cannot list clients', { status: 501 });
    res.json(listClients(deps.clients.listAll(model), q));
  });
  app.get('/v1/clients/:id', requireRole('advisor', 'ops'), (req, res) => {
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
  app.get('/v1/model', requireRole('advisor', 'ops'), (_req, res) => {
    const model = deps.model();
    res.json({
      version: model.version,
      threshold: model.threshold,
      metrics: model.info?.metrics ?? null,
      costs: model.info?.costs ?? null,
      globalImportance: model.info?.globalImportance ?? [],
      features: model.featureNames,
    });
  });

  // 6. human oversight
  app.post('/v1/clients/:id/overrides', requireRole('advisor'), async (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const body = validate(overrideBody, req.body, 'body');
    if (!deps.clients.vectorOf(id))
      throw new ServingError('not_found', `client ${id} is not in the client base`, { status: 404 });
    const o = await deps.store.insertOverride({
      clientId: id,
      user: (res.locals.principal as Principal).user,
      ...body,
      createdAt: now(),
    });
    res.status(201).json(o);
  });
  app.get('/v1/clients/:id/decisions', requireRole('advisor', 'ops'), async (req, res) => {
    const id = validate(clientId, req.params.id, 'params');
    const items = await deps.store.listHistory(id);
    // drift features stay out of the advisor view
    res.json({ items: items.map((i) => (i.kind === 'decision' ? { ...i, features: undefined } : i)) });
  });

  // 7. unknown route + the one error handler
  app.use((req) => {
    throw new ServingError('not_found', `no route ${req.method} ${req.path}`, { status: 404 });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toServingError(err);
    res.status(e.status).json({
      error: {
        code: e.code,
        message: e.status >= 500 ? 'internal error; quote the request id' : e.message,
        requestId: res.locals.requestId,
        ...(e.fields ? { fields: e.fields } : {}),
      },
    });
  });

  return { app, decisions, close: () => decisions.close() };
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
