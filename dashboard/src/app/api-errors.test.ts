import { afterEach, describe, expect, it } from '@jest/globals';
import { api, ApiError } from './api.js';
import { errorText } from './api-errors.js';
import { makeI18n } from './i18n.js';

const fr = makeI18n('fr');
const en = makeI18n('en');
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** The next fetch answers `status` with `body` (docs/api.md's error shape). */
function answer(status: number, body: unknown): void {
  globalThis.fetch = (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;
}
const failure = async (request: () => Promise<unknown>): Promise<unknown> =>
  request().then(
    () => undefined,
    (e: unknown) => e,
  );

/** Every code of docs/api.md (plus the server's own 501), as the serving API words it (English). */
const API_ERRORS: [number, string, string][] = [
  [400, 'bad_request', 'request body is not valid JSON'],
  [401, 'unauthenticated', 'log in (POST /v1/auth/login) or send an X-API-Key header'],
  [403, 'forbidden', 'this route needs role advisor'],
  [403, 'csrf_failed', 'missing or wrong X-CSRF-Token header; use the csrfToken from /v1/auth/login'],
  [404, 'not_found', 'client 7 is not in the client base'],
  [413, 'payload_too_large', 'request body too large'],
  [415, 'unsupported_media_type', 'send the body as application/json'],
  [429, 'rate_limited', 'too many requests; retry in 3 s'],
  [429, 'login_throttled', 'too many failed logins; retry in 60 s'],
  [500, 'internal', 'internal error; quote the request id'],
  [501, 'not_implemented', 'this model cannot explain its decisions'],
  [503, 'not_ready', 'no model loaded'],
];

describe('API errors in the advisor’s language', () => {
  it.each(API_ERRORS)(
    'words %i %s in French, never with the API’s English message',
    (status, code, message) => {
      const e = new ApiError(status, message, { code, path: '/v1/clients/7', requestId: 'req-42' });
      const text = errorText(e, fr);
      expect(text).not.toContain(message);
      expect(text).not.toBe(errorText(e, en));
      expect(text).not.toMatch(/\b(the|please|again|error|request|server|too many)\b/i);
    },
  );

  it('reads the code, the path and the wait from the server’s answer', async () => {
    answer(401, { error: { code: 'unauthenticated', message: 'wrong username or password' } });
    const wrong = await failure(() => api.login('demo', 'nope'));
    expect(wrong).toBeInstanceOf(ApiError);
    expect(errorText(wrong, fr)).toBe('identifiant ou mot de passe incorrect');
    expect(errorText(wrong, en)).toBe('wrong username or password');

    answer(429, { error: { code: 'login_throttled', message: 'too many failed logins; retry in 42 s' } });
    const throttled = await failure(() => api.login('demo', 'nope'));
    expect(errorText(throttled, fr)).toBe('trop de tentatives de connexion échouées. Réessayez dans 42 s.');

    answer(500, { error: { code: 'internal', message: 'internal error', requestId: 'abc-123' } });
    expect(errorText(await failure(() => api.model()), fr)).toContain('référence abc-123');
  });

  it('names the fields a validation refused by their French labels', async () => {
    answer(422, {
      error: {
        code: 'validation_failed',
        message: 'invalid body: body.changes.AMT_CREDIT, body.changes.AMT_ANNUITY',
        fields: [
          { path: 'body.changes.AMT_CREDIT', message: 'Expected number' },
          { path: 'body.changes.AMT_ANNUITY', message: 'Expected number' },
        ],
      },
    });
    const e = await failure(() => api.whatIf(7, { AMT_CREDIT: 1 }));
    expect(errorText(e, fr)).toBe('valeurs refusées : Montant du crédit, Annuité.');
    expect(
      errorText(
        new ApiError(422, 'invalid query: query.ageMin', {
          code: 'validation_failed',
          fields: [{ field: 'query.ageMin', message: "Expected number, received 'abc'" }],
        }),
        fr,
      ),
    ).toBe('valeurs refusées : Âge à partir de (ans).');
    const short = new ApiError(422, 'invalid body: body.justification', {
      code: 'validation_failed',
      fields: [{ field: 'body.justification', message: 'String must contain at least 10 character(s)' }],
    });
    expect(errorText(short, fr)).toBe('la justification doit compter de 10 à 2 000 caractères.');
  });

  it('says the server does not answer when fetch fails, and keeps a non-JSON error page’s status', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(errorText(await failure(() => api.model()), fr)).toBe(
      'le serveur ne répond pas. Vérifiez la connexion et réessayez.',
    );
    answer(502, '<html>Bad Gateway</html>');
    const e = await failure(() => api.model());
    expect(e).toBeInstanceOf(ApiError);
    expect(errorText(e, fr)).toMatch(/^erreur interne du serveur/);
  });
});
