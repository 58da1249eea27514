// Fetch wrapper for the VMS REST API (same origin, session cookie `vms_session`, plus the session's
// CSRF token in X-CSRF-Token on every request that is not a GET).
// Every failure becomes an ApiError carrying the server's {code, message, field};
// callers show `message` and never the raw response body.

const API_BASE = '/api';

/** An API failure: HTTP status plus the server's error model. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when the server could not be reached
   * @param {string} code   server error code (e.g. AUTH_FAILED), or NETWORK / HTTP_<status>
   * @param {string} message human-readable text, safe to show
   * @param {string|null} field the offending input field, when the server names one
   */
  constructor(status, code, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let unauthorizedHandler = () => {};

// The session's CSRF token (from POST/GET /api/session): cookie requests that change state must send it
// as X-CSRF-Token or the server answers 403.
let csrfToken = null;

/** Registers what happens on a 401 from any request (the app sends the user to the login page). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** Builds "/api/path?k=v" leaving out parameters that are null, undefined or empty strings. */
export function apiUrl(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      params.append(key, String(value));
    }
  }
  const qs = params.toString();
  return API_BASE + path + (qs ? '?' + qs : '');
}

/**
 * Sends one request and returns the parsed JSON body (null for 204 or an empty body).
 * @param {string} method
 * @param {string} path path under /api, e.g. "/cameras"
 * @param {{query?: object, body?: any, signal?: AbortSignal, redirectOn401?: boolean}} [options]
 *   redirectOn401 (default true): call the unauthorized handler before throwing on a 401.
 *   Set it to false where a 401 is an expected answer (login, session probe).
 * @throws {ApiError} on any non-2xx status or network failure; AbortError passes through untouched
 */
export async function request(method, path, options = {}) {
  const { query, body, signal, redirectOn401 = true } = options;
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (csrfToken && method !== 'GET' && method !== 'HEAD') {
    init.headers['X-CSRF-Token'] = csrfToken;
  }

  let response;
  try {
    response = await fetch(apiUrl(path, query), init);
  } catch (err) {
    if (err && err.name === 'AbortError') {
      throw err;
    }
    throw new ApiError(0, 'NETWORK', 'Cannot reach the VMS server. Check the network connection and try again.');
  }

  if (response.ok) {
    const data = await readJson(response);
    if (data && typeof data.csrfToken === 'string') {
      csrfToken = data.csrfToken;
    }
    return data;
  }
  const error = await toApiError(response);
  if (response.status === 401 && redirectOn401) {
    unauthorizedHandler(error);
  }
  throw error;
}

async function readJson(response) {
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent a response the console cannot read.');
  }
}

async function toApiError(response) {
  let model = null;
  try {
    const parsed = JSON.parse(await response.text());
    model = parsed && typeof parsed.error === 'object' ? parsed.error : null;
  } catch {
    // Not our JSON error model (e.g. a proxy's HTML page): fall back to the status line below.
  }
  if (model && typeof model.message === 'string' && model.message) {
    return new ApiError(response.status, model.code || 'HTTP_' + response.status, model.message, model.field ?? null);
  }
  const statusText = response.statusText ? ' ' + response.statusText : '';
  return new ApiError(response.status, 'HTTP_' + response.status,
    `The server answered ${response.status}${statusText}. Try again, or tell the administrator if it persists.`);
}

/** Formats an error for display: the message, plus the field when the server named one. */
export function describeError(err) {
  if (err instanceof ApiError) {
    return err.field ? `${err.message} (field: ${err.field})` : err.message;
  }
  return 'Unexpected error in the console: ' + (err && err.message ? err.message : String(err));
}

// --- Endpoints -------------------------------------------------------------

/** POST /api/session → {token, user}. A wrong password throws ApiError(401, AUTH_FAILED). */
export function login(username, password) {
  return request('POST', '/session', { body: { username, password }, redirectOn401: false });
}

/** GET /api/session → the signed-in user, or null when there is no valid session. */
export async function currentUser() {
  try {
    const body = await request('GET', '/session', { redirectOn401: false });
    return body && body.user ? body.user : null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      return null;
    }
    throw err;
  }
}

/** DELETE /api/session (logout). A 401 means the session is already gone, which is fine. */
export async function logout() {
  try {
    await request('DELETE', '/session', { redirectOn401: false });
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) {
      throw err;
    }
  }
}

/**
 * GET /api/cameras → {items, nextCursor}.
 * @param {{q?: string, district?: string, tag?: string, enabled?: boolean|null, limit?: number, cursor?: string|null}} query
 */
export function listCameras(query, signal) {
  return request('GET', '/cameras', { query, signal });
}

/** GET /api/districts → {items: [{district, cameras}]} */
export function listDistricts(signal) {
  return request('GET', '/districts', { signal });
}
