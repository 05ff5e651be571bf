// The user's sessions from Keycloak's account REST API, called directly with the access token (it carries
// the `account` audience and the manage-account role). Signing a session out at Keycloak also ends it in
// the app at once: Keycloak sends the app a back-channel logout for it.
import { h, show, status, formatDate } from '../ui.js';
import { call } from '../api.js';
import { claims } from '../auth.js';
import { failed } from '../errors.js';

const account = () => `${claims().iss}/account`;

export async function sessionsPage() {
  const devices = (await call('GET', `${account()}/sessions/devices`)).body || [];
  const sessions = devices.flatMap((d) => (d.sessions || []).map((s) => ({ ...s, device: d })));
  const currentSid = claims().sid;
  const rows = sessions.map((s) => {
    const current = s.current || s.id === currentSid;
    return h('tr', { dataset: { sessionId: s.id, current: String(current) } },
      h('td', {}, `${s.browser || s.device.browser || 'Unknown browser'} on ${s.device.os || 'unknown OS'} ${s.device.osVersion || ''}`,
        current ? h('strong', {}, ' (this session)') : null),
      h('td', {}, s.ipAddress || s.device.ipAddress || ''),
      h('td', {}, formatDate(s.started)),
      h('td', {}, formatDate(s.lastAccess)),
      h('td', {}, (s.clients || []).map((c) => c.clientName || c.clientId).join(', ')),
      h('td', {}, current ? null : h('button', { type: 'button', class: 'danger', 'data-action': 'sign-out-session',
        'aria-label': `Sign out the session started ${formatDate(s.started)}`, onclick: () => signOut(s) }, 'Sign out this session')));
  });
  show(
    h('div', { class: 'row' }, h('h1', {}, 'Sessions'), h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'danger', id: 'sign-out-others', disabled: sessions.length < 2, onclick: signOutOthers }, 'Sign out everywhere else')),
    h('p', { class: 'muted' }, 'Where you are signed in. Sign out anything you do not recognise.'),
    h('div', { class: 'table-wrap card' }, h('table', { id: 'sessions' },
      h('thead', {}, h('tr', {}, ['Device', 'IP address', 'Started', 'Last access', 'Applications', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 6 }, 'No sessions found.'))))));
}

async function signOut(session) {
  if (!window.confirm('Sign out this session? Anyone using it will have to sign in again.')) return;
  try {
    await call('DELETE', `${account()}/sessions/${encodeURIComponent(session.id)}`);
    status('Session signed out.');
    await sessionsPage();
  } catch (e) { failed(e); }
}

async function signOutOthers() {
  if (!window.confirm('Sign out every other session? This one stays signed in.')) return;
  try {
    await call('DELETE', `${account()}/sessions?current=false`);
    status('All other sessions signed out.');
    await sessionsPage();
  } catch (e) { failed(e); }
}
