// What the advisor reads when a request fails, in their language. The API's messages are English and
// written for developers ("log in (POST /v1/auth/login) or send an X-API-Key header"); its error codes
// are stable (docs/api.md), so the words come from the code, the status and the fields at fault.
import { ApiError } from './api.js';
import { fieldLabel } from './field-labels.js';
import type { I18n, Key } from './i18n.js';

/** Request parameters (query.X, body.X) the advisor knows by a label of the UI. */
const PARAMETERS: Record<string, Key> = {
  ageMin: 'ageMin',
  ageMax: 'ageMax',
  incomeMin: 'incomeMin',
  incomeMax: 'incomeMax',
  creditMin: 'creditMin',
  creditMax: 'creditMax',
  scoreMin: 'scoreMin',
  scoreMax: 'scoreMax',
  contractType: 'contractType',
  familyStatus: 'familyStatus',
  education: 'education',
  decision: 'decision',
  justification: 'justificationCol',
  username: 'username',
  password: 'password',
  fields: 'fieldsToCompare',
  x: 'xField',
  y: 'yField',
  population: 'population',
  clientId: 'clientId',
};

/** The label of a field at fault: `body.changes.AMT_CREDIT` -> "Montant du crédit". */
function faultLabel(path: string, i18n: I18n): string {
  const parts = path.split('.');
  const last = parts[parts.length - 1] ?? path;
  if (parts.includes('changes') || parts.includes('application'))
    return fieldLabel(last, undefined, i18n.lang);
  const key = PARAMETERS[last];
  return key ? i18n.t(key) : last;
}

function validationText(e: ApiError, i18n: I18n): string {
  if (e.fields.length === 1 && e.fields[0]!.field.endsWith('justification'))
    return i18n.t('err_justification');
  const labels = [...new Set(e.fields.map((f) => faultLabel(f.field, i18n)))];
  return labels.length > 0
    ? i18n.t('err_validation', { fields: labels.join(', ') })
    : i18n.t('err_badRequest');
}

function apiErrorText(e: ApiError, i18n: I18n): string {
  const { t } = i18n;
  const wait = e.retryAfter;
  switch (e.code) {
    case 'unauthenticated':
      return e.path === '/v1/auth/login' ? t('err_wrongCredentials') : t('err_sessionExpired');
    case 'login_throttled':
      return wait ? t('err_throttledIn', { s: i18n.num(wait) }) : t('err_throttled');
    case 'rate_limited':
      return wait ? t('err_rateLimitedIn', { s: i18n.num(wait) }) : t('err_rateLimited');
    case 'forbidden':
      return t('err_forbidden');
    case 'csrf_failed':
      return t('err_csrf');
    case 'not_found':
      return t('err_notFound');
    case 'validation_failed':
      return validationText(e, i18n);
    case 'bad_request':
      return t('err_badRequest');
    case 'payload_too_large':
      return t('err_tooLarge');
    case 'unsupported_media_type':
      return t('err_mediaType');
    case 'not_implemented':
      return t('err_notImplemented');
    case 'not_ready':
      return t('err_notReady');
    case 'bad_response':
      return t('err_badResponse');
  }
  if (e.status === 503) return t('err_notReady');
  if (e.status >= 500) return e.requestId ? t('err_server', { id: e.requestId }) : t('err_serverNoId');
  if (e.status === 401) return t('err_sessionExpired');
  if (e.status === 403) return t('err_forbidden');
  if (e.status === 404) return t('err_notFound');
  return t('err_refused', { status: e.status });
}

/**
 * The sentence for a failed request: from the API's error code; fetch's TypeError ("Failed to fetch",
 * "NetworkError when attempting to fetch resource") says the server does not answer.
 */
export function errorText(e: unknown, i18n: I18n): string {
  if (e instanceof ApiError) return apiErrorText(e, i18n);
  return i18n.t(e instanceof TypeError ? 'err_network' : 'err_unexpected');
}
