import type { DecisionStore, Role } from '@credit/data';
import type { NextFunction, Request, Response } from 'express';
import { ServingError } from '../errors.js';
import { createApiKeyCache } from './key-cache.js';
import { hashToken } from './secrets.js';

export interface Principal {
  user: string;
  role: Role;
  via: 'key' | 'session';
  csrfToken?: string;
  sessionHash?: string;
}
export const SESSION_COOKIE = 'credit_session';

export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * API key (X-API-Key) or session cookie; cookie sessions must echo the CSRF token on unsafe methods.
 * API keys are looked up through a short-lived cache (auth/key-cache.ts: a revoke takes effect within 30 s).
 */
export function authenticate(store: DecisionStore, now: () => Date) {
  const keys = createApiKeyCache(store, now);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = req.get('x-api-key');
    if (key) {
      const k = await keys.find(hashToken(key));
      if (!k) throw new ServingError('unauthenticated', 'unknown or revoked API key', { status: 401 });
      res.locals.principal = { user: `key:${k.id}`, role: k.role, via: 'key' } satisfies Principal;
      return next();
    }
    const token = cookieOf(req, SESSION_COOKIE);
    if (token) {
      const hash = hashToken(token);
      const s = await store.findSession(hash, now());
      if (s) {
        if (UNSAFE.has(req.method) && req.get('x-csrf-token') !== s.csrfToken) {
          throw new ServingError(
            'csrf_failed',
            'missing or wrong X-CSRF-Token header; use the csrfToken from /v1/auth/login or /v1/auth/me',
            { status: 403 },
          );
        }
        res.locals.principal = {
          user: s.user,
          role: s.role,
          via: 'session',
          csrfToken: s.csrfToken,
          sessionHash: hash,
        } satisfies Principal;
        return next();
      }
    }
    throw new ServingError('unauthenticated', 'log in (POST /v1/auth/login) or send an X-API-Key header', {
      status: 401,
    });
  };
}

export function requireRole(...roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const p = res.locals.principal as Principal | undefined;
    if (!p || (p.role !== 'admin' && !roles.includes(p.role))) {
      throw new ServingError('forbidden', `this route needs role ${roles.join(' or ')}`, { status: 403 });
    }
    next();
  };
}
