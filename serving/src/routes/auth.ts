import { Router, type RequestHandler } from 'express';
import { SESSION_COOKIE } from '../auth/middleware.js';
import { hashToken, newToken, verifyPassword } from '../auth/secrets.js';
import { ServingError } from '../errors.js';
import { loginBody } from '../schemas.js';
import { validate } from '../validate.js';
import { principalOf, type RouteContext } from './context.js';

const SESSION_MS = 8 * 3600 * 1000;

/** POST /v1/auth/login: public (mounted before authentication); 5 failed logins per user+address per 15 min. */
export function loginRoutes({ deps, config, now, limiters }: RouteContext): Router {
  const loginLimiter = limiters({ name: 'failed-logins', limit: 5, windowMs: 15 * 60 * 1000 });
  const router = Router();
  router.post('/v1/auth/login', async (req, res) => {
    const body = validate(loginBody, req.body, 'body');
    const throttleKey = `${body.username}|${req.ip ?? ''}`;
    const user = await deps.store.findUser(body.username);
    const ok =
      user !== undefined && !user.disabled && (await verifyPassword(body.password, user.passwordHash));
    if (!ok || !user) {
      const wait = await loginLimiter.hit(throttleKey);
      if (wait > 0)
        throw new ServingError('login_throttled', `too many failed logins; retry in ${wait} s`, {
          status: 429,
          retryAfterSeconds: wait,
        });
      throw new ServingError('unauthenticated', 'wrong username or password', { status: 401 });
    }
    await loginLimiter.reset(throttleKey);
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
  return router;
}

/** POST /v1/auth/logout, GET /v1/auth/me: behind authentication. */
export function sessionRoutes({ deps }: RouteContext): Router {
  const router = Router();
  const logout: RequestHandler = async (_req, res) => {
    const p = principalOf(res);
    if (p.sessionHash) await deps.store.deleteSession(p.sessionHash);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  };
  router.post('/v1/auth/logout', logout);
  router.get('/v1/auth/me', (_req, res) => {
    const p = principalOf(res);
    res.json({ user: p.user, role: p.role, csrfToken: p.csrfToken ?? null });
  });
  return router;
}
