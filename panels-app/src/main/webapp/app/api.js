// The app's JSON API with the in-memory bearer token. A 401 gets one forced refresh and a retry (the token
// may have expired in flight or its session been revoked); what still fails becomes an ApiError that
// pages render as a state: permission denied, not found, validation, or service unavailable.
import { accessToken, refresh, url, AuthError } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }

  get kind() {
    if (this.status === 401) {
      // Only an ended session sends people to sign in again; any other 401 (e.g. Medplum refusing the
      // caller's Medplum token) is reported where it happened.
      return /\/(session|authentication)$/.test(String(this.problem.type || '')) ? 'session' : 'token';
    }
    if (this.status === 403) return 'forbidden';
    if (this.status === 404) return 'not-found';
    if (this.status === 412 || this.status === 409) return 'conflict';
    if (this.status === 503 || this.status === 502 || this.status === 504 || this.status === 0) return 'unavailable';
    if (this.status >= 400 && this.status < 500) return 'invalid';
    return 'error';
  }

  /** A 503 of its own kind: the sign-in carries no Medplum access, which only a new access token can bring. */
  get clinicalDataUnavailable() {
    return this.status === 503 && /\/clinical-data-unavailable$/.test(String(this.problem.type || ''));
  }

  /** A 503 of its own kind: the app's database is unreachable (stopped, restarting); nothing was read or saved. */
  get databaseUnavailable() {
    return this.status === 503 && /\/database-unavailable$/.test(String(this.problem.type || ''));
  }

  /** A 403 of its own kind: the token's Medplum project is not this organization's; only a new sign-in helps. */
  get clinicalTenantMismatch() {
    return this.status === 403 && /\/clinical-tenant-mismatch$/.test(String(this.problem.type || ''));
  }
}

async function send(method, path, body, headers, token) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store', credentials: 'omit' };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path.startsWith('http') ? path : url(path), init);
}

/** One request with the in-memory token; a 401 gets one forced refresh and a retry; no answer at all is an outage. */
async function exchange(method, path, body, headers) {
  let token = accessToken() || await tokenOrThrow(false);
  try {
    let response = await send(method, path, body, headers, token);
    if (response.status === 401) {
      token = await tokenOrThrow(true);
      response = await send(method, path, body, headers, token);
    }
    return response;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, { detail: 'The server could not be reached' }, 5);
  }
}

/** Calls the API (or, with an absolute URL, Keycloak's account API) and returns { body, etag }. */
export async function call(method, path, { body, headers = {} } = {}) {
  const response = await exchange(method, path, body, headers);
  if (response.status === 204) return { body: null, etag: response.headers.get('ETag') };
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  // Every error of ours is JSON (problem+json); anything else (bar a refused token) came from a server without the
  // app deployed at that moment (starting, stopping): an outage to retry, not an answer such as "not found".
  if (!response.ok && response.status !== 401 && response.status !== 403 && !/json/.test(response.headers.get('Content-Type') || '')) {
    throw new ApiError(0, { detail: 'The Panels server is starting or stopping' }, Number(response.headers.get('Retry-After')) || 5);
  }
  if (!response.ok) throw new ApiError(response.status, json, Number(response.headers.get('Retry-After')) || undefined);
  return { body: json, etag: response.headers.get('ETag') };
}

/** A GET that keeps the whole response (headers such as Link, bodies such as CSV); failures are ApiErrors as in call(). */
export async function getResponse(path, accept) {
  const response = await exchange('GET', path, undefined, { Accept: accept });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { problem = null; }
    throw new ApiError(response.status, problem, Number(response.headers.get('Retry-After')) || undefined);
  }
  return response;
}

async function tokenOrThrow(force) {
  try {
    return await refresh({ force });
  } catch (e) {
    if (e instanceof AuthError && e.kind === 'unavailable') throw new ApiError(503, { detail: 'The sign-in service is unavailable' }, e.retryAfter);
    throw new ApiError(401, { type: 'https://panels.dev/problems/session', detail: 'Your session has ended' });
  }
}

export const get = async (path) => (await call('GET', path)).body;
export const etagOf = (version) => `"v${version}"`;
