// Tells the person on a panel's page that someone else changed it (settings, sharing, columns, a shared view) or
// deleted it, as the original told the people using a view. The live event names the panel only; who changed what
// comes from the panel's history, read with the person's own access. Nothing moves under them: the notice offers to
// show the change, and their place (view, page, sort, filter) is kept.
import { h, replace, formatDate } from '../ui.js';
import { get, ApiError } from '../api.js';
import { session } from '../me.js';
import { watch } from '../live.js';

/** The notice for the page of `panel`, to put on the page at once; `reopen()` shows the panel as it is now. */
export function panelChangeNotice(panel, reopen) {
  const notice = h('div', { class: 'notice', id: 'panel-changed', role: 'status', hidden: true });
  const seen = new Set(); // history entries already told, so a reconnect's replay is not told twice

  // A reset (changes missed beyond what the server keeps) tells nothing: the history cannot say which entries are
  // newer than this page, and a notice of an old change would mislead; the worklist reloads its rows on it anyway.
  watch(notice, (change) => {
    if (change.resourceType === 'Panel' && change.id === panel.id) tell(change.interaction);
  });

  // data-heard counts the changes looked into, told or not, so a test can wait for "looked, and said nothing"
  let heard = 0;
  async function tell(interaction) {
    try {
      await look(interaction);
    } finally {
      notice.dataset.heard = String(++heard);
    }
  }

  async function look(interaction) {
    if (interaction === 'delete') {
      show(h('strong', {}, 'This panel was deleted. '), h('a', { href: '#/panels' }, 'Back to the panels'));
      return;
    }
    let latest;
    try {
      [latest] = await get(`api/panels/${encodeURIComponent(panel.id)}/history?page=0&size=1`);
    } catch (e) {
      if (e instanceof ApiError && (e.kind === 'not-found' || e.kind === 'forbidden')) {
        show(h('strong', {}, 'This panel changed, and you may no longer have access to it. '), reloadButton());
      }
      return; // otherwise the next change tells
    }
    if (!latest || seen.has(latest.id) || latest.subject === session.me?.subject) return; // nothing new, or one's own
    seen.add(latest.id);
    show(h('strong', {}, `${latest.subjectName || 'Someone'} changed this panel`), ` at ${formatDate(latest.at)}: `,
      h('span', { class: 'note-text', 'data-action': latest.action }, latest.detail || latest.action), ' ', reloadButton(),
      ' ', h('a', { href: `#/panels/${encodeURIComponent(panel.id)}/history` }, 'History'));
  }

  function reloadButton() {
    return h('button', { type: 'button', class: 'secondary', id: 'show-panel-change', onclick: reopen }, 'Show the change');
  }

  function show(...children) {
    replace(notice, ...children);
    notice.hidden = false;
  }
  return notice;
}
