// Full-page states with guidance: signed out, sign-in failed, session expired, no access, unavailable.
import { h, show } from './ui.js';
import { login } from './auth.js';

const signInButton = (label = 'Sign in') => h('button', { type: 'button', id: 'sign-in', onclick: () => {
  sessionStorage.removeItem('panels.signed-out'); // a flag, never a token
  login('/#/panels');
} }, label);

export function signedOut() {
  show(h('section', { class: 'state', 'data-state': 'signed-out' },
    h('h1', {}, 'You are signed out'),
    h('p', {}, 'Your session in this browser has ended. Sign in again to continue.'),
    signInButton()));
}

const FAILURES = {
  denied: 'Sign-in was cancelled or refused.',
  expired: 'The sign-in took too long or was already used. Please start again.',
  unavailable: 'The sign-in service is unavailable right now. Please try again in a moment.',
  invalid: 'The sign-in response could not be verified. Please start again.',
};

export function signInFailed(reason) {
  show(h('section', { class: 'state', 'data-state': 'sign-in-failed' },
    h('h1', {}, 'Sign-in failed'),
    h('p', {}, FAILURES[reason] || FAILURES.invalid),
    signInButton('Try again')));
}

export function sessionExpired() {
  show(h('section', { class: 'state', 'data-state': 'session-expired' },
    h('h1', {}, 'Your session has expired'),
    h('p', {}, 'For your patients\' safety, sessions end after inactivity, on sign-out elsewhere, or when revoked. Sign in again to continue where you left off.'),
    signInButton('Sign in again')));
}

export function permissionDenied(detail) {
  show(h('section', { class: 'state', 'data-state': 'permission-denied' },
    h('h1', {}, 'No access'),
    h('p', {}, detail || 'Your account has no role in Panels.'),
    h('p', { class: 'muted' }, 'Ask your organization administrator for the Panels User, Builder or Admin role, then sign in again.')));
}

/** Unavailable with an automatic retry countdown; `retry` is called when it reaches zero. */
export function unavailable(seconds, retry, what = 'A service Panels depends on') {
  let left = Math.max(2, Math.min(60, seconds || 5));
  const counter = h('span', { id: 'retry-in' }, String(left));
  const section = h('section', { class: 'state', 'data-state': 'service-unavailable' },
    h('h1', {}, 'Service unavailable'),
    h('p', {}, `${what} is not responding. Retrying automatically in `, counter, ' s.'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { clearInterval(tick); retry(); } }, 'Retry now'));
  const tick = setInterval(() => {
    if (!section.isConnected) { clearInterval(tick); return; }
    left -= 1;
    counter.textContent = String(left);
    if (left <= 0) { clearInterval(tick); retry(); }
  }, 1000);
  show(section);
}
