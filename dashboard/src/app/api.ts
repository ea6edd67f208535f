// Typed client of the serving API (same origin, session cookie, CSRF token on unsafe methods).
export type Decision = 'grant' | 'refuse';

export interface User {
  user: string;
  role: string;
  csrfToken?: string;
}
export interface ClientRow {
  id: number;
  age: number | null;
  income: number | null;
  credit: number | null;
  annuity: number | null;
  contractType: string | null;
  familyStatus: string | null;
  education: string | null;
  probability: number | null;
  decision: Decision | null;
}
export interface ClientPage {
  items: ClientRow[];
  total: number;
  page: number;
  pageSize: number;
}
export interface Field {
  name: string;
  label: string;
  description?: string;
  value: unknown;
  display?: string;
}
export interface ClientDetail {
  id: number;
  groups: { key: string; label: string; fields: Field[] }[];
}
export interface Reason {
  field: string;
  label: string;
  direction: 'raises' | 'lowers';
  contribution: number;
  text?: string;
}
export interface Score {
  probability: number;
  decision: Decision;
  threshold: number;
  modelVersion?: string;
  reasons: Reason[];
}
/** GET /v1/clients/:id/explanation: every business field's contribution (log-odds), strongest first. */
export interface Explanation {
  baseline: { probability: number; logit: number };
  output: { probability: number; logit: number };
  contributions: (Reason & { value?: number | null })[];
}
export interface CompareField {
  field: string;
  label: string;
  clientValue: number | null;
  percentile: number | null;
  bins: { start: number; end: number; count: number }[];
}
export type Population = 'all' | 'similar' | 'segment';
/** population=segment: what the compared clients share with this one. */
export type SegmentRule =
  | { field: 'NAME_CONTRACT_TYPE'; value: string }
  | { field: 'AGE_YEARS' | 'AMT_INCOME_TOTAL'; from: number; to: number };
export interface Comparison {
  population: Population;
  size: number;
  segment?: SegmentRule[];
  fields: CompareField[];
}
export interface Scatter {
  points: { x: number; y: number }[];
  client: { x: number | null; y: number | null };
}
export interface ModelInfo {
  version: string;
  threshold: number;
  metrics?: Record<string, number>;
  globalImportance: { field: string; label: string; importance: number; text?: string }[];
}
export interface DecisionRecord {
  at?: string;
  createdAt?: string;
  kind?: string;
  decision: Decision;
  probability?: number | null;
  user?: string;
  justification?: string | null;
}

/** What the server said about a failed request, beyond its status (docs/api.md's error body). */
export interface ApiErrorDetail {
  fields?: { field: string; message: string }[];
  /** `error.code`: `validation_failed`, `not_found`... (absent when the body had none). */
  code?: string;
  /** The request's path without its query, e.g. `/v1/auth/login`. */
  path?: string;
  /** Seconds to wait before retrying a 429 (Retry-After header, or the "retry in N s" of the message). */
  retryAfter?: number;
  requestId?: string;
}

/**
 * An API answer that is not 2xx, with the server's stable error code and its (English, technical)
 * message. What the advisor reads is worded from the code by api-errors.ts.
 */
export class ApiError extends Error {
  readonly fields: { field: string; message: string }[];
  readonly code: string | undefined;
  readonly path: string;
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  constructor(
    readonly status: number,
    message: string,
    detail: ApiErrorDetail = {},
  ) {
    super(message);
    this.fields = detail.fields ?? [];
    this.code = detail.code;
    this.path = detail.path ?? '';
    this.retryAfter = detail.retryAfter;
    this.requestId = detail.requestId;
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token ?? '';
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's HTML error page...): an error answer keeps its status; a 2xx one is a fault.
    if (res.ok) throw new ApiError(res.status, 'the answer is not JSON', { code: 'bad_response', path });
  }
  if (!res.ok) {
    // Session gone (expired, server restarted): the shell shows the sign-in page again.
    if (res.status === 401 && !path.startsWith('/v1/auth/'))
      window.dispatchEvent(new Event('session-expired'));
    // docs/api.md: { error: { code, message, fields: [{ path, message }] } }
    type Body = {
      message?: string;
      error?:
        | string
        | {
            code?: string;
            message?: string;
            requestId?: string;
            fields?: { path: string; message: string }[];
          };
    };
    const err = (data ?? {}) as Body;
    const inner = typeof err.error === 'object' ? err.error : undefined;
    const msg =
      inner?.message ?? (typeof err.error === 'string' ? err.error : err.message) ?? `HTTP ${res.status}`;
    const fields = (inner?.fields ?? []).map((f) => ({ field: f.path, message: f.message }));
    const retry = Number(res.headers.get('retry-after') ?? /retry in (\d+) s/.exec(msg)?.[1]);
    throw new ApiError(res.status, msg, {
      fields,
      code: inner?.code,
      path: path.split('?')[0],
      retryAfter: retry > 0 && Number.isFinite(retry) ? retry : undefined,
      requestId: inner?.requestId,
    });
  }
  return data as T;
}

const qs = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};

export const api = {
  login: (username: string, password: string) => call<User>('POST', '/v1/auth/login', { username, password }),
  logout: () => call<unknown>('POST', '/v1/auth/logout'),
  me: () => call<User>('GET', '/v1/auth/me'),
  clients: (params: Record<string, string | number | undefined>) =>
    call<ClientPage>('GET', `/v1/clients${qs(params)}`),
  client: (id: number) => call<ClientDetail>('GET', `/v1/clients/${id}`),
  score: (clientId: number) => call<Score>('POST', '/v1/score', { clientId }),
  explanation: (id: number) => call<Explanation>('GET', `/v1/clients/${id}/explanation`),
  compare: (id: number, fields: string[], population: string) =>
    call<Comparison>('GET', `/v1/clients/${id}/compare${qs({ fields: fields.join(','), population })}`),
  scatter: (id: number, x: string, y: string, population: string) =>
    call<Scatter>('GET', `/v1/clients/${id}/scatter${qs({ x, y, population })}`),
  whatIf: (clientId: number, changes: Record<string, number>) =>
    call<Score>('POST', '/v1/what-if', { clientId, changes }),
  model: () => call<ModelInfo>('GET', '/v1/model'),
  override: (id: number, decision: Decision, justification: string) =>
    call<unknown>('POST', `/v1/clients/${id}/overrides`, { decision, justification }),
  decisions: async (id: number): Promise<DecisionRecord[]> => {
    const data = await call<DecisionRecord[] | { items: DecisionRecord[] }>(
      'GET',
      `/v1/clients/${id}/decisions`,
    );
    return Array.isArray(data) ? data : data.items;
  },
};
