// Boot, auth guard, heartbeat and the route table. Every route except the public state pages needs a session;
// the user's permissions from GET /api/me decide which controls pages render.
import { h, show } from './ui.js';
import * as auth from './auth.js';
import { ApiError, get } from './api.js';
import * as states from './states.js';
import { session } from './me.js';
import { failed, useErrorHandlers } from './errors.js';
import { parts } from './router.js';
import { panelsPage, panelFormPage } from './pages/panels.js';
import { panelPage } from './pages/panel.js';
import { sessionsPage } from './pages/sessions.js';
import { auditPage } from './pages/audit.js';

const PUBLIC = {
  'sign-in-failed': (reason) => states.signInFailed(reason),
  'signed-out': () => states.signedOut(),
};
const HEARTBEAT_MS = 10_000;

let heartbeat;

async function route() {
  const [first = 'panels', ...rest] = parts();
  if (PUBLIC[first]) { chrome(false); PUBLIC[first](...rest); return; }
  if (!session.me && !(await signIn())) return;
  // Auditors read the trail only: their home is the audit page.
  if (parts().length === 0 && !session.can('panel:read') && session.can('audit:read')) { location.hash = '#/audit'; return; }
  chrome(true, first);
  try {
    if (first === 'panels' && rest.length === 0) await panelsPage();
    else if (first === 'panels' && rest[0] === 'new') await panelFormPage(null);
    else if (first === 'panels' && rest[1] === 'edit') await panelFormPage(rest[0]);
    else if (first === 'panels') await panelPage(rest[0], rest[1] || 'worklist');
    else if (first === 'sessions') await sessionsPage();
    else if (first === 'audit') { if (session.can('audit:read')) await auditPage(); else states.permissionDenied(); }
    else show(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/panels' }, 'Back to panels')));
  } catch (e) {
    failed(e);
  }
}

/** The auth guard: join the session (peer tab or refresh cookie), or start a login. */
async function signIn() {
  try {
    await auth.start();
  } catch (e) {
    if (e.kind === 'absent') {
      if (sessionStorage.getItem('panels.signed-out')) { chrome(false); states.signedOut(); return false; }
      auth.login(`/${location.hash}`);
      return false;
    }
    if (e.kind === 'expired') { chrome(false); states.sessionExpired(); return false; }
    chrome(false);
    states.unavailable(e.retryAfter, route, 'The sign-in service');
    return false;
  }
  try {
    session.me = await get('api/me');
  } catch (e) {
    chrome(false);
    if (!failed(e)) states.permissionDenied();
    return false;
  }
  document.getElementById('who-name').textContent = session.me.name || session.me.subject;
  startHeartbeat();
  return true;
}

/** Notices a session revoked elsewhere within seconds, even on an idle page. */
function startHeartbeat() {
  clearInterval(heartbeat);
  heartbeat = setInterval(async () => {
    if (!session.me) return;
    try { await get('api/me'); } catch (e) { if (e instanceof ApiError && e.kind === 'session') endSession(); }
  }, HEARTBEAT_MS);
}

function endSession() {
  session.me = null;
  clearInterval(heartbeat);
  chrome(false);
  states.sessionExpired();
}

function chrome(signedIn, current) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  // The audit link is offered to those who may read the trail; the API decides either way.
  document.querySelector('[data-nav="audit"]').hidden = !session.can('audit:read');
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

auth.onAuth((type) => {
  if (type === 'logout') {
    session.me = null;
    clearInterval(heartbeat);
    sessionStorage.setItem('panels.signed-out', '1');
    chrome(false);
    states.signedOut();
  } else if (type === 'expired' && session.me) {
    endSession();
  }
});

useErrorHandlers({ retryRoute: route, onSessionEnded: endSession });
document.getElementById('logout').addEventListener('click', () => auth.logout().catch(() => states.signedOut()));
window.addEventListener('hashchange', route);
route();
