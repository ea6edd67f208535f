import { z } from 'zod';

export const clientId = z.coerce.number().int().positive();
export const scoreBody = z.union([
  z.object({ clientId: z.number().int().positive() }).strict(),
  z
    .object({
      application: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      history: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
    })
    .strict(),
]);
export const reason = z.object({
  field: z.string(),
  label: z.string(),
  direction: z.enum(['raises', 'lowers']),
  contribution: z.number(),
  text: z.string(),
});
export const scoreResponse = z.object({
  clientId: z.number().optional(),
  probability: z.number(),
  decision: z.enum(['grant', 'refuse']),
  threshold: z.number(),
  modelVersion: z.string(),
  reasons: z.array(reason),
});
export const loginBody = z
  .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .strict();
export const overrideBody = z
  .object({ decision: z.enum(['grant', 'refuse']), justification: z.string().trim().min(10).max(2000) })
  .strict();
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export const batchBody = (max: number) =>
  z.object({ applications: z.array(scoreBody).min(1).max(max) }).strict();

/** POST /v1/what-if: a known client or a new application, plus the fields to change (numbers only). */
const changes = z.record(z.string(), z.unknown());
export const whatIfBody = z.union([
  z.object({ clientId: z.number().int().positive(), changes }).strict(),
  z
    .object({
      application: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      history: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
      changes,
    })
    .strict(),
]);

const populationKind = z.enum(['all', 'similar', 'segment']);
const population = populationKind.default('all');
/** Neighbours kept for population=similar (ignored otherwise). */
const neighbours = z.coerce.number().int().min(10).max(5000).default(500);
export const compareQuery = z
  .object({ fields: z.string().min(1).max(4000), population, k: neighbours })
  .strict();
export const scatterQuery = z
  .object({ x: z.string().min(1).max(200), y: z.string().min(1).max(200), population, k: neighbours })
  .strict();

// Response bodies (documented in /openapi.json; the handlers build them).
const decision = z.enum(['grant', 'refuse']);
const role = z.enum(['advisor', 'ops', 'admin']);
export const loginResponse = z.object({ user: z.string(), role, csrfToken: z.string() });
export const meResponse = z.object({ user: z.string(), role, csrfToken: z.string().nullable() });
export const batchResponse = z.object({ results: z.array(scoreResponse) });
export const clientPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      age: z.number().nullable(),
      income: z.number().nullable(),
      credit: z.number().nullable(),
      annuity: z.number().nullable(),
      contractType: z.string().nullable(),
      familyStatus: z.string().nullable(),
      education: z.string().nullable(),
      probability: z.number(),
      decision,
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const clientDetailResponse = z.object({
  id: z.number(),
  groups: z.array(
    z.object({
      key: z.enum(['identity', 'family', 'income', 'credit', 'housing', 'history']),
      label: z.string(),
      fields: z.array(
        z.object({
          name: z.string(),
          label: z.string(),
          description: z.string(),
          value: z.union([z.number(), z.string(), z.null()]),
          display: z.string(),
        }),
      ),
    }),
  ),
});
const logitAndProbability = z.object({ logit: z.number(), probability: z.number() });
export const explanationResponse = z.object({
  clientId: z.number(),
  modelVersion: z.string(),
  baseline: logitAndProbability,
  output: logitAndProbability,
  contributions: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      contribution: z.number(),
      direction: z.enum(['raises', 'lowers']),
      text: z.string(),
    }),
  ),
});
/** population=segment: the rules the compared clients share with this one (see clients/segment.ts). */
const segmentRules = z.array(
  z.union([
    z.object({ field: z.literal('NAME_CONTRACT_TYPE'), value: z.string() }),
    z.object({ field: z.enum(['AGE_YEARS', 'AMT_INCOME_TOTAL']), from: z.number(), to: z.number() }),
  ]),
);
export const comparisonResponse = z.object({
  population: populationKind,
  size: z.number(),
  segment: segmentRules.optional(),
  fields: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      clientValue: z.number().nullable(),
      percentile: z.number().nullable(),
      bins: z.array(z.object({ start: z.number(), end: z.number(), count: z.number() })),
    }),
  ),
});
export const scatterResponse = z.object({
  segment: segmentRules.optional(),
  points: z.array(z.object({ x: z.number(), y: z.number() })),
  client: z.object({ x: z.number().nullable(), y: z.number().nullable() }),
});
export const modelResponse = z.object({
  version: z.string(),
  threshold: z.number(),
  metrics: z.unknown(),
  costs: z.object({ falseNegative: z.number(), falsePositive: z.number() }).nullable(),
  globalImportance: z.array(
    z.object({ field: z.string(), label: z.string(), importance: z.number(), text: z.string() }),
  ),
  features: z.array(z.string()),
  dictionary: z.record(z.string(), z.object({ label: z.string(), description: z.string() })),
});
export const overrideResponse = z.object({
  id: z.number(),
  clientId: z.number(),
  decision,
  justification: z.string(),
  user: z.string(),
  createdAt: z.string(),
});
export const historyResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['decision', 'override']),
      clientId: z.number().nullable(),
      createdAt: z.string(),
      decision,
      probability: z.number().optional(),
      modelVersion: z.string().optional(),
      latencyMs: z.number().optional(),
      user: z.string().nullable(),
      justification: z.string().optional(),
      requestId: z.string().optional(),
    }),
  ),
});
export const liveResponse = z.object({ status: z.literal('ok') });
export const readyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  modelVersion: z.string().optional(),
  reason: z.string().optional(),
});
