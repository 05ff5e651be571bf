// Live worklists: one Server-Sent Events stream per tab (GET api/live), open while a page watches it. Read with
// fetch, because EventSource cannot send the in-memory bearer token (and the token must never go into a URL).
// Reconnects with backoff and resumes after the last event id it saw (Last-Event-ID); a stream the server ends
// (token expired, node stopping) reconnects at once with a fresh token. Events name a changed resource only:
// watchers reload what they show through the API.
import { accessToken, refresh, url, AuthError } from './auth.js';

const SILENCE_MS = 45000; // the server pings every 15 s: three missed pings and the connection is dead
const watchers = new Set(); // { element, onChange, onState }
let lastEventId = null;
let running = false;
let controller = null;
let state = 'connecting';

/**
 * Calls onChange({ resourceType, id, interaction }) for every change in the organization, or ({ reset: true })
 * when changes were missed; onState('connecting' | 'live' | 'reconnecting' | 'off'). Stops when element leaves the page.
 */
export function watch(element, onChange, onState = () => {}) {
  const watcher = { element, onChange, onState };
  watchers.add(watcher);
  onState(state);
  if (!running) {
    // once the code running now yields, so an element put on the page right after watch() counts as watching
    running = true;
    queueMicrotask(run);
  }
  return () => watchers.delete(watcher);
}

function active() {
  for (const w of watchers) if (!w.element.isConnected) watchers.delete(w);
  return watchers.size > 0;
}

function setState(next) {
  state = next;
  for (const w of watchers) w.onState(next);
}

function dispatch(change) {
  for (const w of [...watchers]) if (w.element.isConnected) w.onChange(change);
}

async function run() {
  let backoff = 1000;
  const idle = setInterval(() => { if (!active() && controller) controller.abort(); }, 2000);
  try {
    while (active()) {
      let outcome;
      try {
        outcome = await connect();
      } catch (e) {
        if (e instanceof AuthError && e.kind !== 'unavailable') { setState('off'); return; } // session over: sign-in takes over
        outcome = 'failed';
      }
      if (outcome === 'off') { setState('off'); return; }
      if (!active()) return;
      if (outcome === 'ended') { backoff = 1000; continue; } // the server asked us to come back with a fresh token
      setState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, backoff * (0.75 + Math.random() / 2)));
      backoff = Math.min(backoff * 2, 15000);
      if (outcome === 'connected') backoff = 1000;
    }
  } finally {
    clearInterval(idle);
    running = false;
    controller = null;
  }
}

/** One connection: 'off' (not offered here), 'ended' (server closed it on purpose), 'connected' or 'failed'. */
async function connect() {
  controller = new AbortController();
  let token = accessToken() || await refresh({ force: false });
  let response = await open(token);
  if (response.status === 401) {
    token = await refresh({ force: true });
    response = await open(token);
  }
  // only the app's own answer (problem+json) means "not for you here"; a server without the app deployed (starting,
  // stopping) answers its own 404 page: try again
  const fromApp = /problem\+json/.test(response.headers.get('Content-Type') || '');
  if (fromApp && (response.status === 404 || response.status === 403)) return 'off';
  if (!response.ok || !response.body) return 'failed';
  setState('live');
  return read(response.body);
}

function open(token) {
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  return fetch(url('api/live'), { headers, cache: 'no-store', credentials: 'omit', signal: controller.signal });
}

// The SSE format (HTML § 9.2): "field: value" lines, a blank line ends an event.
async function read(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { name: 'message', data: '', id: null };
  let ended = false;
  let silence = setTimeout(() => controller.abort(), SILENCE_MS);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), SILENCE_MS);
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const line of lines) {
        if (line === '') {
          ended = handle(event) || ended;
          event = { name: 'message', data: '', id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.name = text;
          else if (field === 'data') event.data += (event.data ? '\n' : '') + text;
          else if (field === 'id') event.id = text;
        }
      }
    }
  } catch {
    return 'connected'; // aborted (silence, page left) or cut: reconnect unless no one watches
  } finally {
    clearTimeout(silence);
  }
  return ended ? 'ended' : 'connected';
}

/** Returns true for the server's 'end'. */
function handle(event) {
  if (event.id) lastEventId = event.id;
  if (event.name === 'change') {
    try { dispatch(JSON.parse(event.data)); } catch { /* not ours */ }
  } else if (event.name === 'reset') {
    dispatch({ reset: true });
  } else if (event.name === 'end') {
    return true;
  }
  return false;
}
