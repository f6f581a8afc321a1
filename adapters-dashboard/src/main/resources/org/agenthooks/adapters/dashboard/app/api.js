// The one module that talks to the service. Every screen calls these functions; none calls fetch itself.
// It adds the API key, turns application/problem+json into an ApiError with field errors, and says what to tell
// the user on a 401, a 503 and a network failure.

const KEY_ITEM = 'agent-webhooks.api-key';
const TIMEOUT_MS = 15000;

/** The API key, kept for this tab's session only: never in localStorage, never in a URL. */
export const session = {
  key: () => sessionStorage.getItem(KEY_ITEM),
  signIn: (key) => sessionStorage.setItem(KEY_ITEM, key),
  signOut: () => sessionStorage.removeItem(KEY_ITEM),
};

/**
 * A failed call, with what to tell the user. kind: 'unauthorized' (401), 'unavailable' (503), 'network' (no
 * answer), 'invalid' (400, with fieldErrors), 'not-found' (404) or 'other'.
 */
export class ApiError extends Error {
  constructor(kind, message, { status = 0, fieldErrors = [] } = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

const MESSAGES = {
  unauthorized: 'Your API key was not accepted: it is wrong, or it has been revoked. Sign in again with a valid key.',
  unavailable: 'The service is unavailable right now (it cannot reach its database). Nothing was changed; try again in a moment.',
  network: 'The service cannot be reached: check that it is running and that you are online, then try again.',
  timeout: 'The service did not answer in time. Try again in a moment.',
};

async function call(method, path, { body, key = session.key() } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) {
    headers['X-API-Key'] = key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: abort.signal,
    });
  } catch (failure) {
    throw new ApiError('network', abort.signal.aborted ? MESSAGES.timeout : MESSAGES.network);
  } finally {
    clearTimeout(timer);
  }
  const data = await readJson(response);
  if (response.ok) {
    return data;
  }
  throw problem(response.status, data);
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204 || !type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function problem(status, data) {
  const detail = data && typeof data.detail === 'string' ? data.detail : '';
  switch (status) {
    case 401:
      return new ApiError('unauthorized', MESSAGES.unauthorized, { status });
    case 503:
      return new ApiError('unavailable', MESSAGES.unavailable, { status });
    case 404:
      return new ApiError('not-found', detail || 'Not found.', { status });
    case 400: {
      const fieldErrors = Array.isArray(data?.errors)
        ? data.errors.map((error) => ({ field: String(error.field), message: String(error.message) }))
        : [];
      return new ApiError('invalid', detail || 'The request was not accepted.', { status, fieldErrors });
    }
    default:
      return new ApiError('other', `${detail || 'The service answered with an error.'} (HTTP ${status})`, { status });
  }
}

const path = (template, ...ids) => template.replace(/\{\}/g, () => encodeURIComponent(ids.shift()));

function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Checks a key before keeping it: any call under /v1 answers 401 to a wrong one. */
export const checkKey = (key) => call('GET', '/v1/agents', { key });

export const listAgents = () => call('GET', '/v1/agents');
export const getAgent = (agentId) => call('GET', path('/v1/agents/{}', agentId));
export const listEventTypes = () => call('GET', '/v1/event-types');

export const listWebhooks = (agentId, cursor) =>
  call('GET', `/v1/webhooks${query({ agentId, cursor, limit: 50 })}`);
export const getWebhook = (webhookId) => call('GET', path('/v1/webhooks/{}', webhookId));
export async function getWebhookWithAgent(webhookId) {
  const webhook = await getWebhook(webhookId);
  return { webhook, agent: await getAgent(webhook.agentId) };
}
export const createWebhook = (definition) => call('POST', '/v1/webhooks', { body: definition });
export const updateWebhook = (webhookId, changes) =>
  call('PATCH', path('/v1/webhooks/{}', webhookId), { body: changes });
export const deleteWebhook = (webhookId) => call('DELETE', path('/v1/webhooks/{}', webhookId));
export const sendTestEvent = (webhookId) => call('POST', path('/v1/webhooks/{}/test', webhookId));
/** A new generated secret; the old one keeps signing too for the service's default grace period (24 h). */
export const rotateSecret = (webhookId) => call('POST', path('/v1/webhooks/{}/secret/rotate', webhookId));
export const webhookStats = (webhookId) => call('GET', path('/v1/webhooks/{}/stats', webhookId));
/** Sends the webhook again the events of { since, until } (ISO 8601), only the failed ones if status is 'failed'. */
export const replayWebhook = (webhookId, window) =>
  call('POST', path('/v1/webhooks/{}/replay', webhookId), { body: window });
/** The signature doctor: { headers, body, computedSignature? } as the receiver saw and computed them. */
export const checkSignature = (webhookId, report) =>
  call('POST', path('/v1/webhooks/{}/signature-check', webhookId), { body: report });

export const listDeliveries = (webhookId, { status, cursor, limit = 20 } = {}) =>
  call('GET', path('/v1/webhooks/{}/deliveries', webhookId) + query({ status, cursor, limit }));
export const getDelivery = (deliveryId) => call('GET', path('/v1/deliveries/{}', deliveryId));
export const redeliver = (deliveryId) => call('POST', path('/v1/deliveries/{}/redeliver', deliveryId));
export const getEvent = (eventId) => call('GET', path('/v1/events/{}', eventId));

/** The OpenAPI document, which needs no key (the API reference page reads it). */
export const openApiDocument = () => call('GET', '/openapi', { key: null });
