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
