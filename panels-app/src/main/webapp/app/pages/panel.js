// One panel: its worklist, columns, views and history, as keyboard-operable tabs, and a notice when someone else
// changes it.
import { h, show } from '../ui.js';
import { get } from '../api.js';
import { session } from '../me.js';
import { deletePanel } from './panels.js';
import { worklist } from './worklist.js';
import { columnsTab } from './columns.js';
import { viewsTab } from './views.js';
import { historyTab } from './history.js';
import { openSharing } from './sharing.js';
import { panelChangeNotice } from './panel-changes.js';

const TABS = [['worklist', 'Worklist'], ['columns', 'Columns'], ['views', 'Views'], ['history', 'History']];

export async function panelPage(id, tab) {
  const panel = await get(`api/panels/${encodeURIComponent(id)}`);
  const canEdit = ['editor', 'owner'].includes(panel.access) && session.can('panel:update');
  const canDelete = (panel.access === 'owner' || session.can('panel:manage-any')) && session.can('panel:delete');
  const current = TABS.some(([key]) => key === tab) ? tab : 'worklist';
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Panel sections' },
    TABS.map(([key, label]) => h('button', {
      type: 'button', role: 'tab', id: `tab-${key}`, 'aria-selected': String(key === current),
      'aria-controls': 'tabpanel', tabindex: key === current ? '0' : '-1',
      onclick: () => { location.hash = `#/panels/${encodeURIComponent(id)}/${key}`; },
      onkeydown: (e) => arrowKeys(e, tablist),
    }, label)));
  const body = h('section', { id: 'tabpanel', role: 'tabpanel', 'aria-labelledby': `tab-${current}` });
  show(
    h('div', { class: 'row' },
      h('h1', { id: 'panel-title' }, panel.name), h('span', { class: 'spacer' }),
      panel.sharing && session.can('panel:share') ? h('button', { type: 'button', class: 'secondary', id: 'share-panel', onclick: () => openSharing(panel, () => panelPage(id, current)) }, 'Share') : null,
      canEdit ? h('a', { class: 'button secondary', href: `#/panels/${encodeURIComponent(id)}/edit`, id: 'edit-panel' }, 'Edit') : null,
      canDelete ? h('button', { type: 'button', class: 'danger', id: 'delete-panel', onclick: () => deletePanel(panel) }, 'Delete') : null),
    panel.description ? h('p', { class: 'muted' }, panel.description) : null,
    panelChangeNotice(panel, () => panelPage(id, current)),
    tablist, body);
  if (current === 'worklist') await worklist(body, panel);
  else if (current === 'columns') columnsTab(body, panel, canEdit);
  else if (current === 'views') await viewsTab(body, panel, canEdit);
  else await historyTab(body, panel);
}

function arrowKeys(event, tablist) {
  if (!['ArrowLeft', 'ArrowRight'].includes(event.key)) return;
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const index = tabs.indexOf(event.target) + (event.key === 'ArrowRight' ? 1 : -1);
  const next = tabs[(index + tabs.length) % tabs.length];
  next.focus();
  next.click();
}
