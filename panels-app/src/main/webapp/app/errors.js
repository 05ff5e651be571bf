// The state a failed call calls for. Ending the session and re-running the route belong to main.js, which
// hands them over at boot through useErrorHandlers: pages can then report failures without importing main.js.
import { status } from './ui.js';
import { ApiError } from './api.js';
import * as states from './states.js';

let retry;
let endSession;

/** Called by main.js at boot: `retryRoute` re-runs the current route, `onSessionEnded` signs the page out. */
export function useErrorHandlers({ retryRoute, onSessionEnded }) {
  retry = retryRoute;
  endSession = onSessionEnded;
}

/** Shows the state an error calls for; returns true when it was one of them. */
export function failed(e) {
  if (!(e instanceof ApiError)) { console.error(e); status('Something went wrong. Please retry.', { error: true }); return false; }
  if (e.kind === 'session') { endSession(); return true; }
  if (e.kind === 'forbidden') { states.permissionDenied(e.message); return true; }
  if (e.kind === 'unavailable') { states.unavailable(e.retryAfter, retry, unavailableService(e)); return true; }
  status(e.message, { error: true });
  return false;
}

function unavailableService(e) {
  if (e.databaseUnavailable) return 'The Panels database';
  if (e.status === 0) return 'The Panels server';
  return e.problem?.detail ? 'Patient data (Medplum) or sign-in' : undefined;
}
