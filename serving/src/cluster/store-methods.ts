import type { DecisionStore } from '@credit/data';

/** The store calls a worker may make through the primary (close stays with the primary). */
export const STORE_METHODS = [
  'migrate',
  'insertDecisions',
  'listDecisions',
  'countDecisions',
  'insertOverride',
  'listHistory',
  'createUser',
  'findUser',
  'listUsers',
  'disableUser',
  'createApiKey',
  'findApiKeyByHash',
  'revokeApiKey',
  'listApiKeys',
  'createSession',
  'findSession',
  'deleteSession',
] as const satisfies readonly Exclude<keyof DecisionStore, 'kind' | 'close'>[];
