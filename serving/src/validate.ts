import type { z } from 'zod';
import { ServingError } from './errors.js';

/** Parses `value` against `schema`; a failure becomes a 422 with one entry per field at fault. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new ServingError('validation_failed', `invalid ${where}: ${fields.map((f) => f.path).join(', ')}`, {
    status: 422,
    fields,
  });
}
