// A refused save never loses what was typed: field errors go next to their fields, and an outage (the database,
// the sign-in service or the server restarting) keeps the form as it is and saves again by itself.
import { h, showFieldErrors } from './ui.js';
import { ApiError } from './api.js';

/**
 * Handles a failed save of `form`; `retry` saves again. Returns false when the error is for the page to show
 * (session ended, no access): the caller then calls failed(e) from errors.js.
 */
export function keepFormOnFailure(form, e, retry) {
  if (!form || !(e instanceof ApiError)) return false;
  if (e.kind === 'invalid' || e.kind === 'conflict') { showFieldErrors(form, e.problem); return true; }
  if (e.kind === 'unavailable' && !e.clinicalDataUnavailable) { savePaused(form, e, retry); return true; }
  return false;
}

/** A notice at the top of the form with a countdown; the form stays untouched and is saved again at zero. */
function savePaused(form, e, retry) {
  form.querySelector('[data-state="save-paused"]')?.remove();
  let left = Math.max(2, Math.min(60, e.retryAfter || 5));
  const counter = h('span', { class: 'retry-in' }, String(left));
  const what = e.databaseUnavailable ? 'the Panels database is unavailable' : 'the server is unavailable';
  const notice = h('div', { class: 'notice', role: 'status', 'data-state': 'save-paused' },
    `Not saved yet: ${what}. What you entered is kept here; saving again in `, counter, ' s. ',
    h('button', { type: 'button', class: 'secondary', onclick: () => { stop(); retry(); } }, 'Save now'));
  const tick = setInterval(() => {
    if (!notice.isConnected) { clearInterval(tick); return; }
    left -= 1;
    counter.textContent = String(left);
    if (left <= 0) { stop(); retry(); }
  }, 1000);
  const stop = () => { clearInterval(tick); notice.remove(); };
  form.prepend(notice);
}
