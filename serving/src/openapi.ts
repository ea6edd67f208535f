import { z } from 'zod';
import { listQuery } from './clients/list.js';
import {
  batchBody,
  batchResponse,
  clientDetailResponse,
  clientPage,
  compareQuery,
  comparisonResponse,
  errorResponse,
  explanationResponse,
  historyResponse,
  liveResponse,
  loginBody,
  loginResponse,
  meResponse,
  modelResponse,
  overrideBody,
  overrideResponse,
  readyResponse,
  scatterQuery,
  scatterResponse,
  scoreBody,
  scoreResponse,
  whatIfBody,
} from './schemas.js';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: schemaOf(schema, 'input') } },
});
const ok = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: schemaOf(schema, 'output') } },
});
const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const queryOf = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, s]) => ({
    name,
    in: 'query',
    required: !(s as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(s as z.ZodType, 'input'),
  }));
const errors = { '4XX': ok('error (code, message, request id, fields at fault)', errorResponse) };
const publicRoute = { security: [] };

/**
 * OpenAPI 3.1 document derived from the same zod schemas the routes validate with (requests) and
 * describe their answers with (responses). routes.test.ts checks that every Express route is here.
 */
export function openApiDocument(): Record<string, unknown> {
  cached ??= build(); // built once: the schemas do not change while the process runs
  return cached;
}
let cached: Record<string, unknown> | undefined;

function build(): Record<string, unknown> {
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
      '/health/live': { get: { ...publicRoute, responses: { 200: ok('alive', liveResponse) } } },
      '/health/ready': {
        get: {
          ...publicRoute,
          responses: {
            200: ok('model loaded and client base scored', readyResponse),
            503: ok('no model yet, or the client base is still being scored', readyResponse),
          },
        },
      },
      '/openapi.json': {
        get: { ...publicRoute, responses: { 200: { description: 'this document' } } },
      },
      '/docs': {
        get: {
          ...publicRoute,
          responses: { 200: { description: 'HTML page', content: { 'text/html': {} } } },
        },
      },
      '/metrics': {
        get: {
          description: 'Prometheus text; role ops',
          responses: { 200: { description: 'metrics', content: { 'text/plain': {} } }, ...errors },
        },
      },
      '/v1/auth/login': {
        post: {
          ...publicRoute,
          requestBody: body(loginBody),
          responses: { 200: ok('session cookie set', loginResponse), ...errors },
        },
      },
      '/v1/auth/logout': {
        post: { responses: { 204: { description: 'session ended' }, ...errors } },
      },
      '/v1/auth/me': { get: { responses: { 200: ok('the caller', meResponse), ...errors } } },
      '/v1/score': {
        post: {
          description: 'Scores a known client or a new application; the decision is logged',
          requestBody: body(scoreBody),
          responses: { 200: ok('score', scoreResponse), ...errors },
        },
      },
      '/v1/score/batch': {
        post: {
          requestBody: body(batchBody(100)),
          responses: { 200: ok('one score per application', batchResponse), ...errors },
        },
      },
      '/v1/what-if': {
        post: {
          description:
            'Scores a client (or application) with some numeric application fields changed, through the feature recipe; nothing is logged',
          requestBody: body(whatIfBody),
          responses: { 200: ok('score after the changes', scoreResponse), ...errors },
        },
      },
      '/v1/clients': {
        get: {
          parameters: queryOf(listQuery),
          responses: { 200: ok('page of clients', clientPage), ...errors },
        },
      },
      '/v1/clients/{id}': {
        get: {
          parameters: [pathId],
          responses: { 200: ok('application fields by group', clientDetailResponse), ...errors },
        },
      },
      '/v1/clients/{id}/explanation': {
        get: {
          description: 'Every business field’s attribution; they sum to output.logit - baseline.logit',
          parameters: [pathId],
          responses: { 200: ok('local explanation', explanationResponse), ...errors },
        },
      },
      '/v1/clients/{id}/compare': {
        get: {
          parameters: [pathId, ...queryOf(compareQuery)],
          responses: { 200: ok('distributions and percentiles', comparisonResponse), ...errors },
        },
      },
      '/v1/clients/{id}/scatter': {
        get: {
          parameters: [pathId, ...queryOf(scatterQuery)],
          responses: { 200: ok('points (at most 2000) and the client', scatterResponse), ...errors },
        },
      },
      '/v1/clients/{id}/overrides': {
        post: {
          parameters: [pathId],
          requestBody: body(overrideBody),
          responses: { 201: ok('stored', overrideResponse), ...errors },
        },
      },
      '/v1/clients/{id}/decisions': {
        get: {
          parameters: [pathId],
          responses: { 200: ok('decisions and overrides, newest first', historyResponse), ...errors },
        },
      },
      '/v1/model': { get: { responses: { 200: ok('model card', modelResponse), ...errors } } },
    },
  };
}
