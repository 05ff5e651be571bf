// A panel's change history: who changed its settings, columns, shared views or sharing, and when (newest first).
import { h, replace, formatDate } from '../ui.js';
import { get } from '../api.js';
import { failed } from '../errors.js';

const SIZE = 50;

export async function historyTab(container, panel) {
  let page = 0;
  const list = h('ol', { class: 'plain', id: 'history-list' });
  const pager = h('div', { class: 'row' });
  container.replaceChildren(h('p', { class: 'muted' }, 'Changes to this panel, newest first.'), list, pager);

  async function load() {
    try {
      const entries = await get(`api/panels/${encodeURIComponent(panel.id)}/history?page=${page}&size=${SIZE}`);
      replace(list, entries.length ? entries.map((e) => h('li', { dataset: { action: e.action } },
        h('div', { class: 'muted' }, `${formatDate(e.at)} · ${e.subjectName || e.subject} · ${e.action}`),
        h('div', { class: 'note-text' }, e.detail || '')))
        : h('li', { class: 'muted' }, 'No changes recorded.'));
      replace(pager,
        h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page -= 1; load(); } }, 'Newer'),
        h('button', { type: 'button', class: 'secondary', disabled: entries.length < SIZE, onclick: () => { page += 1; load(); } }, 'Older'));
    } catch (e) { failed(e); }
  }
  await load();
}
