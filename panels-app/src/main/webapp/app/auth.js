// The browser side of the token-mediating backend. The access token lives only in this module's memory
// (never in localStorage, sessionStorage, cookies or URLs); the refresh token never reaches JavaScript
// (HttpOnly cookie). Tabs cooperate over BroadcastChannel: a new tab asks its peers for the current token
// before anything else, every refreshed token is shared, and a logout or ended session reaches every tab.
// Refreshes are single-flight across tabs through a Web Lock, so a rotated refresh token is never used
// twice (Keycloak treats reuse as theft and ends the session).

const CHANNEL = 'panels-auth';
const LOCK = 'panels-refresh';
const PEER_WAIT_MS = 400;

export class AuthError extends Error {
  /** kind: 'absent' (never signed in), 'expired' (session over), 'unavailable' (retry later), 'failed' */
  constructor(kind, retryAfter) {
    super(kind);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }
}

const channel = 'BroadcastChannel' in self ? new BroadcastChannel(CHANNEL) : null;
const listeners = new Set();
let token = null; // { value, expiresAt (ms), claims }
let timer = null;
let inflight = null;
let pendingPeerRequest = null;

export const url = (path) => new URL(path, document.baseURI).toString();

/** Subscribe to 'token', 'logout' and 'expired' events (from this tab or a peer). */
export function onAuth(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(type) {
  for (const listener of listeners) listener(type);
}

export function accessToken() {
  return token && token.expiresAt > Date.now() ? token.value : null;
}

/** The (unverified, display-only) claims of the current access token: sub, sid, iss, name… */
export function claims() {
  return token ? token.claims : null;
}

function decode(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function adopt(value, expiresAt, { share }) {
  if (token && token.value === value) return;
  if (token && token.expiresAt > expiresAt) return; // keep the fresher one
  token = { value, expiresAt, claims: decode(value) };
  schedule();
  if (share && channel) channel.postMessage({ type: 'token', accessToken: value, expiresAt });
  emit('token');
}

function drop() {
  token = null;
  clearTimeout(timer);
}

/** Refresh before expiry: a third of the lifetime or 60 s ahead, whichever is less, plus jitter. */
function schedule() {
  clearTimeout(timer);
  const remaining = token.expiresAt - Date.now();
  const lifetime = (token.claims.exp - token.claims.iat) * 1000 || remaining;
  const margin = Math.min(60_000, lifetime / 3);
  const due = Math.max(1_000, remaining - margin - Math.random() * 2_000);
  timer = setTimeout(() => refresh().catch(() => { /* reported through events */ }), due);
}

async function callRefresh() {
  let response;
  try {
    response = await fetch(url('auth/refresh'), {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: { 'X-Panels-CSRF': '1' },
    });
  } catch {
    throw new AuthError('unavailable', 5);
  }
  if (response.ok) {
    const body = await response.json();
    return { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  }
  let problem = {};
  try { problem = await response.json(); } catch { /* not JSON */ }
  if (response.status === 401) throw new AuthError(String(problem.type || '').endsWith('/session') ? 'expired' : 'absent');
  if (response.status >= 500) throw new AuthError('unavailable', Number(response.headers.get('Retry-After')) || 5);
  throw new AuthError('failed');
}

async function withLock(task) {
  if (navigator.locks) return navigator.locks.request(LOCK, task);
  return task();
}

/**
 * One refresh for all tabs. When a peer refreshed while this tab waited for the lock, its token is used
 * (unless `force`: the API refused our token, e.g. after a back-channel logout).
 */
export function refresh({ force = false } = {}) {
  if (inflight) return inflight;
  const before = token;
  inflight = withLock(async () => {
    if (!force && token && token !== before && token.expiresAt - Date.now() > 30_000) return token.value;
    try {
      const fresh = await callRefresh();
      adopt(fresh.value, fresh.expiresAt, { share: true });
      return fresh.value;
    } catch (e) {
      if (e.kind === 'expired') {
        drop();
        if (channel) channel.postMessage({ type: 'expired' });
        emit('expired');
      } else if (e.kind === 'absent') {
        drop(); // not signed in: the caller starts a login
      }
      throw e;
    }
  }).finally(() => { inflight = null; });
  return inflight;
}

function askPeers() {
  if (!channel) return Promise.resolve(null);
  return new Promise((resolve) => {
    const id = crypto.randomUUID();
    pendingPeerRequest = { id, resolve };
    channel.postMessage({ type: 'token-request', id });
    setTimeout(() => { if (pendingPeerRequest?.id === id) { pendingPeerRequest = null; resolve(null); } }, PEER_WAIT_MS);
  });
}

/** Joins the browser session: a peer tab's token if one has it, else the refresh cookie. */
export async function start() {
  const peer = await askPeers();
  if (peer) {
    adopt(peer.accessToken, peer.expiresAt, { share: false });
    return token.value;
  }
  return refresh({ force: true });
}

export function login(returnTo = `/${location.hash}`) {
  location.assign(`${url('auth/login')}?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Logs out every tab, ends the Keycloak session, then lets Keycloak clear its own cookies. */
export async function logout() {
  drop();
  if (channel) channel.postMessage({ type: 'logout' });
  emit('logout');
  // Under the refresh lock: a tab reloading meanwhile must not refresh with the cookie being revoked
  // (it would rotate it and outlive the logout); it waits and then finds no session.
  const body = await withLock(async () => {
    const response = await fetch(url('auth/logout'), {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: { 'X-Panels-CSRF': '1' },
    });
    return response.ok ? response.json() : null;
  });
  if (!body) return;
  // POST (not GET) so the ID token hint stays out of the URL and browser history.
  const form = document.createElement('form');
  form.method = 'post';
  form.action = body.end_session_endpoint;
  for (const [name, value] of Object.entries(body.params || {})) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

if (channel) {
  channel.onmessage = ({ data }) => {
    switch (data?.type) {
      case 'token-request':
        if (token && token.expiresAt - Date.now() > 30_000) {
          channel.postMessage({ type: 'token-response', id: data.id, accessToken: token.value, expiresAt: token.expiresAt });
        }
        break;
      case 'token-response':
        if (pendingPeerRequest && pendingPeerRequest.id === data.id) {
          const { resolve } = pendingPeerRequest;
          pendingPeerRequest = null;
          resolve(data);
        }
        break;
      case 'token':
        adopt(data.accessToken, data.expiresAt, { share: false });
        break;
      case 'logout':
        drop();
        emit('logout');
        break;
      case 'expired':
        drop();
        emit('expired');
        break;
      default:
        break;
    }
  };
}

// Background tabs' timers are throttled: catch up when the tab becomes visible again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && token && token.expiresAt - Date.now() < 60_000) {
    refresh().catch(() => {});
  }
});
