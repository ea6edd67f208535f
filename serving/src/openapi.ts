import { z } from 'zod';
import { listQuery } from './clients/list.js';
import { errorResponse, loginBody, overrideBody, scoreBody, scoreResponse } from './schemas.js';

const json = (schema: z.ZodType) => ({
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
  },
});
const pathId = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const listParameters = Object.entries(listQuery.shape).map(([name, schema]) => ({
  name,
  in: 'query',
  required: false,
  schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
}));
const errors = { '4XX': { description: 'error', ...json(errorResponse) } };

/** OpenAPI 3.1 document derived from the same zod schemas the routes validate with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Credit scoring API', version: '1' },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        session: { type: 'apiKey', in: 'cookie', name: 'credit_session' },
      },
    },
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      '/v1/auth/login': {
        post: {
          security: [],
          requestBody: json(loginBody),
          responses: { 200: { description: 'session' }, ...errors },
        },
      },
      '/v1/score': {
        post: {
          requestBody: json(scoreBody),
          responses: { 200: { description: 'score', ...json(scoreResponse) }, ...errors },
        },
      },
      '/v1/clients/{id}/overrides': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: json(overrideBody),
          responses: { 201: { description: 'stored' }, ...errors },
        },
      },
      '/v1/clients': {
        get: {
          parameters: listParameters,
          responses: { 200: { description: 'page of clients' }, ...errors },
        },
      },
      '/v1/clients/{id}': {
        get: {
          parameters: pathId,
          responses: { 200: { description: 'application fields by group' }, ...errors },
        },
      },
      '/v1/model': { get: { responses: { 200: { description: 'model card' }, ...errors } } },
      '/health/live': { get: { security: [], responses: { 200: { description: 'alive' } } } },
      '/health/ready': {
        get: { security: [], responses: { 200: { description: 'ready' }, 503: { description: 'no model' } } },
      },
    },
  };
}
