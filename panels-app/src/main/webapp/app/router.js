// Routing helpers for pages. The route table lives in main.js, which routes on every hashchange.

/** The decoded path segments of the current hash: '#/panels/42/views?x' gives ['panels', '42', 'views']. */
export function parts() {
  return location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
}

/** Re-runs the current route, e.g. to show what a save changed. */
export const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
