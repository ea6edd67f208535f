// TEMPORARY stand-in for @credit/serving while its app is not written yet: a small HTTP server that
// answers the /v1 routes of docs/api.md (same JSON shapes, error shape, 204 logout, CSRF) with deterministic synthetic clients and a logistic score, and hosts
// dashboard/public like the real server. Replace with createApp from @credit/serving once it lands.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomBytes } from 'node:crypto';

interface FakeClient {
  id: number;
  values: Record<string, number | string | null>;
}
const numeric = [
  'AMT_INCOME_TOTAL',
  'AMT_CREDIT',
  'AMT_ANNUITY',
  'AMT_GOODS_PRICE',
  'DAYS_BIRTH',
  'DAYS_EMPLOYED',
  'CNT_CHILDREN',
  'EXT_SOURCE_2',
];
const labels: Record<string, string> = {
  AMT_INCOME_TOTAL: 'Income',
  AMT_CREDIT: 'Credit amount',
  AMT_ANNUITY: 'Loan annuity',
  AMT_GOODS_PRICE: 'Price of the goods',
  DAYS_BIRTH: 'Age',
  DAYS_EMPLOYED: 'Time in current job',
  CNT_CHILDREN: 'Number of children',
  EXT_SOURCE_2: 'External score 2',
  NAME_CONTRACT_TYPE: 'Contract type',
  NAME_FAMILY_STATUS: 'Family status',
  NAME_EDUCATION_TYPE: 'Education',
  CODE_GENDER: 'Gender',
};
const groups = [
  { key: 'identity', label: 'Identity', fields: ['CODE_GENDER', 'DAYS_BIRTH'] },
  { key: 'family', label: 'Family', fields: ['NAME_FAMILY_STATUS', 'CNT_CHILDREN'] },
  {
    key: 'income',
    label: 'Income and employment',
    fields: ['AMT_INCOME_TOTAL', 'DAYS_EMPLOYED', 'NAME_EDUCATION_TYPE'],
  },
  {
    key: 'credit',
    label: 'Credit asked',
    fields: ['NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'],
  },
  { key: 'history', label: 'History with other institutions', fields: ['EXT_SOURCE_2'] },
];
// Logistic model on standardised inputs: more credit/annuity relative to income raises the risk.
const weights: Record<string, number> = {
  AMT_INCOME_TOTAL: -0.5,
  AMT_CREDIT: 1.6,
  AMT_ANNUITY: 0.5,
  AMT_GOODS_PRICE: -0.3,
  DAYS_BIRTH: 0.4,
  DAYS_EMPLOYED: 0.2,
  CNT_CHILDREN: 0.15,
  EXT_SOURCE_2: -0.9,
};
const threshold = 0.35;
const bias = -0.9;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function makeClients(n = 400): FakeClient[] {
  const r = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const income = Math.round(60_000 + r() * 240_000);
    const credit = Math.round((100_000 + r() * 900_000) / 1000) * 1000;
    return {
      id: 100_002 + i * 7,
      values: {
        AMT_INCOME_TOTAL: income,
        AMT_CREDIT: credit,
        AMT_ANNUITY: Math.round(credit / (12 + r() * 18)),
        AMT_GOODS_PRICE: Math.round(credit * (0.8 + r() * 0.2)),
        DAYS_BIRTH: -Math.round((21 + r() * 45) * 365.25),
        DAYS_EMPLOYED: -Math.round(r() * 20 * 365.25),
        CNT_CHILDREN: Math.floor(r() * 3),
        EXT_SOURCE_2: r() < 0.05 ? null : Math.round(r() * 1000) / 1000,
        NAME_CONTRACT_TYPE: r() < 0.85 ? 'Cash loans' : 'Revolving loans',
        NAME_FAMILY_STATUS: pick(['Married', 'Single / not married', 'Civil marriage', 'Separated', 'Widow']),
        NAME_EDUCATION_TYPE: pick(['Secondary / secondary special', 'Higher education', 'Incomplete higher']),
        CODE_GENDER: pick(['F', 'M']),
      },
    };
  });
}

function stats(clients: FakeClient[]): Record<string, { mean: number; sd: number }> {
  const out: Record<string, { mean: number; sd: number }> = {};
  for (const f of numeric) {
    const xs = clients.map((c) => c.values[f]).filter((v): v is number => typeof v === 'number');
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    out[f] = { mean, sd };
  }
  return out;
}

function score(values: FakeClient['values'], st: ReturnType<typeof stats>) {
  let z = bias;
  const parts: { field: string; c: number }[] = [];
  for (const f of numeric) {
    const v = values[f];
    const s = st[f]!;
    const c = typeof v === 'number' ? (weights[f]! * (v - s.mean)) / s.sd : 0;
    z += c;
    parts.push({ field: f, c });
  }
  const probability = 1 / (1 + Math.exp(-z));
  const slope = probability * (1 - probability);
  return {
    probability,
    decision: probability >= threshold ? ('refuse' as const) : ('grant' as const),
    threshold,
    modelVersion: 'fake-1',
    reasons: parts
      .filter((p) => p.c !== 0)
      .map((p) => ({
        field: p.field,
        label: labels[p.field]!,
        direction: p.c > 0 ? ('raises' as const) : ('lowers' as const),
        contribution: Math.abs(p.c * slope),
      }))
      .sort((a, b) => b.contribution - a.contribution),
  };
}

const mime: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface FakeApi {
  url: string;
  server: Server;
  clients: FakeClient[];
  close: () => Promise<void>;
}

export async function startFakeApi(
  staticDir: string,
  credentials = { username: 'advisor', password: 'advisor-pass' },
): Promise<FakeApi> {
  const clients = makeClients();
  const st = stats(clients);
  const scored = new Map(clients.map((c) => [c.id, score(c.values, st)]));
  const sessions = new Map<string, { user: string; csrf: string }>();
  const decisions = new Map<number, unknown[]>();

  const row = (c: FakeClient) => ({
    id: c.id,
    age: Math.floor(-(c.values.DAYS_BIRTH as number) / 365.25),
    income: c.values.AMT_INCOME_TOTAL,
    credit: c.values.AMT_CREDIT,
    annuity: c.values.AMT_ANNUITY,
    contractType: c.values.NAME_CONTRACT_TYPE,
    familyStatus: c.values.NAME_FAMILY_STATUS,
    education: c.values.NAME_EDUCATION_TYPE,
    probability: scored.get(c.id)!.probability,
    decision: scored.get(c.id)!.decision,
  });
  const population = (c: FakeClient, kind: string) =>
    kind === 'similar'
      ? clients.filter(
          (o) =>
            o.values.NAME_CONTRACT_TYPE === c.values.NAME_CONTRACT_TYPE &&
            Math.abs((o.values.DAYS_BIRTH as number) - (c.values.DAYS_BIRTH as number)) < 10 * 365.25,
        )
      : clients;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(status === 204 ? undefined : JSON.stringify(body));
    };
    // docs/api.md error shape: { error: { code, message, fields? } }
    const fail = (
      status: number,
      code: string,
      message: string,
      fields?: { path: string; message: string }[],
    ) => send(status, { error: { code, message, ...(fields ? { fields } : {}) } });
    if (!url.pathname.startsWith('/v1/')) {
      const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '');
      try {
        const body = await readFile(join(staticDir, rel));
        res.writeHead(200, {
          'content-type': mime[extname(rel)] ?? 'application/octet-stream',
          'content-security-policy':
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
        });
        res.end(body);
      } catch {
        fail(404, 'not_found', `no file ${url.pathname}`);
      }
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const session = sid ? sessions.get(sid) : undefined;
    if (url.pathname === '/v1/auth/login' && req.method === 'POST') {
      if (body.username !== credentials.username || body.password !== credentials.password)
        return fail(401, 'unauthenticated', 'wrong username or password');
      const id = randomBytes(16).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      sessions.set(id, { user: credentials.username, csrf });
      return send(
        200,
        { user: credentials.username, role: 'advisor', csrfToken: csrf },
        {
          'set-cookie': `sid=${id}; HttpOnly; SameSite=Strict; Path=/`,
        },
      );
    }
    if (!session) return fail(401, 'unauthenticated', 'sign in first');
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf)
      return fail(403, 'csrf_failed', 'bad CSRF token');
    if (url.pathname === '/v1/auth/me')
      return send(200, { user: session.user, role: 'advisor', csrfToken: session.csrf });
    if (url.pathname === '/v1/auth/logout') {
      sessions.delete(sid!);
      return send(204, null, { 'set-cookie': 'sid=; Max-Age=0; Path=/' });
    }
    const p = url.searchParams;
    if (url.pathname === '/v1/clients') {
      const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
      let rows = clients.map(row);
      const within = (v: number | null, lo?: number, hi?: number) =>
        v !== null && (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
      rows = rows.filter(
        (r) =>
          within(r.age, num('ageMin'), num('ageMax')) &&
          within(r.income as number, num('incomeMin'), num('incomeMax')) &&
          within(r.credit as number, num('creditMin'), num('creditMax')) &&
          within(r.probability, num('scoreMin'), num('scoreMax')) &&
          (!p.get('contractType') || r.contractType === p.get('contractType')) &&
          (!p.get('familyStatus') || r.familyStatus === p.get('familyStatus')) &&
          (!p.get('education') || r.education === p.get('education')) &&
          (!p.get('decision') || r.decision === p.get('decision')),
      );
      if (!['id', 'age', 'income', 'credit', 'annuity', 'probability'].includes(p.get('sort') ?? 'id'))
        return fail(422, 'validation_failed', 'bad sort', [{ path: 'query.sort', message: 'not sortable' }]);
      const sort = (p.get('sort') ?? 'id') as keyof ReturnType<typeof row>;
      const dir = p.get('order') === 'desc' ? -1 : 1;
      rows.sort((a, b) => {
        const x = a[sort];
        const y = b[sort];
        return (
          (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir
        );
      });
      const page = Number(p.get('page') ?? 1);
      const pageSize = Number(p.get('pageSize') ?? 20);
      return send(200, {
        items: rows.slice((page - 1) * pageSize, page * pageSize),
        total: rows.length,
        page,
        pageSize,
      });
    }
    if (url.pathname === '/v1/score' || url.pathname === '/v1/what-if') {
      const c = clients.find((x) => x.id === body.clientId);
      if (!c) return fail(404, 'not_found', `client ${String(body.clientId)} not found`);
      const changes = (body.changes ?? {}) as Record<string, number>;
      return send(200, score({ ...c.values, ...changes }, st));
    }
    if (url.pathname === '/v1/model')
      return send(200, {
        version: 'fake-1',
        threshold,
        metrics: { auc: 0.75 },
        costs: { fn: 10, fp: 1 },
        globalImportance: numeric.map((f) => ({
          field: f,
          label: labels[f],
          importance: Math.abs(weights[f]!) / 5,
          text: `${labels[f]} weighs ${Math.abs(weights[f]!) > 0.5 ? 'strongly' : 'moderately'} on the risk.`,
        })),
      });
    const m = /^\/v1\/clients\/(\d+)(?:\/(\w+))?$/.exec(url.pathname);
    const c = m ? clients.find((x) => x.id === Number(m[1])) : undefined;
    if (!m || !c) return fail(404, 'not_found', `no route or client for ${url.pathname}`);
    const sub = m[2];
    if (!sub)
      return send(200, {
        id: c.id,
        groups: groups.map((g) => ({
          key: g.key,
          label: g.label,
          fields: g.fields.map((f) => ({
            name: f,
            label: labels[f],
            description: `${labels[f]} (${f})`,
            value: c.values[f],
          })),
        })),
      });
    if (sub === 'compare') {
      const pop = population(c, p.get('population') ?? 'all');
      return send(200, {
        population: p.get('population') ?? 'all',
        size: pop.length,
        fields: (p.get('fields') ?? '')
          .split(',')
          .filter(Boolean)
          .map((f) => {
            const xs = pop.map((o) => o.values[f]).filter((v): v is number => typeof v === 'number');
            const lo = Math.min(...xs);
            const hi = Math.max(...xs);
            const w = (hi - lo) / 20 || 1;
            const bins = Array.from({ length: 20 }, (_, i) => ({
              start: lo + i * w,
              end: lo + (i + 1) * w,
              count: 0,
            }));
            for (const x of xs) bins[Math.min(19, Math.floor((x - lo) / w))]!.count++;
            const v = c.values[f];
            return {
              field: f,
              label: labels[f] ?? f,
              clientValue: typeof v === 'number' ? v : null,
              percentile: typeof v === 'number' ? xs.filter((x) => x < v).length / xs.length : null,
              bins,
            };
          }),
      });
    }
    if (sub === 'scatter') {
      const x = p.get('x') ?? '';
      const y = p.get('y') ?? '';
      const pop = population(c, p.get('population') ?? 'all');
      return send(200, {
        points: pop
          .map((o) => ({ x: o.values[x], y: o.values[y] }))
          .filter((q) => typeof q.x === 'number' && typeof q.y === 'number'),
        client: { x: c.values[x] ?? null, y: c.values[y] ?? null },
      });
    }
    if (sub === 'overrides' && req.method === 'POST') {
      const justification = String(body.justification ?? '');
      if (justification.trim().length < 10 || (body.decision !== 'grant' && body.decision !== 'refuse'))
        return fail(422, 'validation_failed', 'invalid override', [
          { path: 'body.justification', message: 'between 10 and 2000 characters' },
        ]);
      const record = {
        id: (decisions.get(c.id)?.length ?? 0) + 1,
        clientId: c.id,
        createdAt: new Date().toISOString(),
        kind: 'override',
        decision: body.decision,
        user: session.user,
        justification,
      };
      decisions.set(c.id, [record, ...(decisions.get(c.id) ?? [])]);
      return send(201, record);
    }
    if (sub === 'decisions') {
      const s = scored.get(c.id)!;
      const modelDecision = {
        createdAt: '2026-01-05T10:00:00Z',
        kind: 'decision',
        decision: s.decision,
        probability: s.probability,
        modelVersion: 'fake-1',
        user: 'advisor',
      };
      return send(200, { items: [...(decisions.get(c.id) ?? []), modelDecision] });
    }
    return fail(404, 'not_found', `no route ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    clients,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
