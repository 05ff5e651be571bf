// The worklist table: rows live from Medplum through the API, paged, sorted and filtered by the server;
// columns can be shown, hidden and reordered here and saved as a view; tasks can be assigned. The rows follow
// Medplum live: a change to a Task, Appointment or Patient reloads the page of rows shown (a row that no longer
// matches leaves it), leaving the controls and anything typed as they are, and reloads the detail pane when the
// change may show there (row-detail.js keeps a note being written).
import { h, replace, status, cellText } from '../ui.js';
import { call, get, ApiError } from '../api.js';
import { refresh } from '../auth.js';
import { session } from '../me.js';
import { failed } from '../errors.js';
import { showRowDetail, hide } from './row-detail.js';
import { watch } from '../live.js';

const state = new Map(); // per panel id, so returning to the tab keeps the user's place

export async function worklist(container, panel) {
  const views = await get(`api/panels/${encodeURIComponent(panel.id)}/views`);
  const s = state.get(panel.id) || { view: '', type: panel.dataSources[0], page: 0, size: 25, sort: '', filter: null, hidden: new Set(), order: null, mine: false };
  state.set(panel.id, s);
  const controls = h('div', { class: 'row card', id: 'worklist-controls' });
  const columnBar = h('div', { class: 'card', id: 'column-controls', 'aria-label': 'Columns shown' });
  const result = h('div', { class: 'table-wrap', 'aria-live': 'polite', 'aria-busy': 'true' });
  const pager = h('div', { class: 'row', id: 'pager' });
  const detail = h('aside', { class: 'card detail-pane', id: 'row-detail', 'aria-labelledby': 'detail-title', hidden: true });
  const liveStatus = h('p', { class: 'muted live-status', id: 'live-status', 'data-state': 'connecting' });
  container.replaceChildren(controls, columnBar, liveStatus, h('div', { class: 'worklist-layout' }, h('div', {}, result, pager), detail));
  let opened = null; // { row, type } whose details the pane shows
  let detailTimer;
  let retryTimer;
  let clinicalRetries = 0;
  let liveTimer;
  let shownRows = new Map(); // row id → what it showed, so a live reload can mark the rows that changed
  let loading = null;
  let reloadAgain = false;

  // A burst of changes (a bulk update) reloads once; a change during a reload reloads once more after it.
  watch(result, (change) => {
    if (change.resourceType === 'Panel') return; // a panel's own settings: its page tells (panel-changes.js)
    if (opened && !detail.hidden && affectsDetail(change, opened.row)) {
      clearTimeout(detailTimer);
      detailTimer = setTimeout(() => { if (opened && !detail.hidden) showDetail({ live: true }); }, 300);
    }
    clearTimeout(liveTimer);
    liveTimer = setTimeout(async () => {
      if (loading) { reloadAgain = true; return; }
      await load({ live: true });
      if (reloadAgain) { reloadAgain = false; load({ live: true }); }
    }, 300);
  }, (state) => {
    liveStatus.dataset.state = state;
    liveStatus.textContent = { live: '● Live: rows update as Medplum changes', connecting: 'Connecting live updates…',
      reconnecting: 'Live updates interrupted, reconnecting…', off: 'Live updates are off; reload to see changes' }[state];
  });

  function load(options) {
    loading = fetchRows(options).finally(() => { loading = null; });
    return loading;
  }

  async function fetchRows({ live = false } = {}) {
    clearTimeout(retryTimer);
    result.setAttribute('aria-busy', 'true');
    const query = new URLSearchParams({ page: s.page, size: s.size });
    if (s.view) query.set('view', s.view); else query.set('type', s.type);
    if (s.sort) query.set('sort', s.sort);
    if (s.filter) query.append('filter', `${s.filter.column}:contains:${s.filter.value}`);
    if (s.mine && rowType() === 'task') query.set('mine', 'true');
    try {
      const data = await get(`api/panels/${encodeURIComponent(panel.id)}/rows?${query}`);
      clinicalRetries = 0;
      render(data, live);
    } catch (e) {
      if (live && result.querySelector('table')) {
        // the rows shown stay; the next change, or the user, loads again
      } else if (e instanceof ApiError && e.clinicalDataUnavailable) {
        // Only a new access token can bring Medplum access, so retry after a refresh.
        const wait = Math.min(120, 10 * 2 ** clinicalRetries++);
        result.replaceChildren(h('div', { class: 'status error', 'data-state': 'clinical-data-unavailable' },
          h('strong', {}, 'Clinical data unavailable. '), e.message, ` Retrying automatically in ${wait} s.`));
        retryTimer = setTimeout(async () => {
          if (!result.isConnected) return;
          try { await refresh({ force: true }); } catch { /* the next load reports what is wrong */ }
          load();
        }, wait * 1000);
      } else if (e instanceof ApiError && e.clinicalTenantMismatch) {
        result.replaceChildren(h('div', { class: 'status error', 'data-state': 'clinical-tenant-mismatch' },
          h('strong', {}, 'Clinical data refused. '), e.message));
      } else if (e instanceof ApiError && e.kind === 'unavailable') {
        const wait = Math.max(2, Math.min(60, e.retryAfter || 5));
        result.replaceChildren(h('p', { class: 'status error', 'data-state': 'service-unavailable' },
          `Patient data is unavailable right now (${e.message}). Retrying automatically in ${wait} s.`));
        retryTimer = setTimeout(() => { if (result.isConnected) load(); }, wait * 1000);
      } else if (e instanceof ApiError && e.kind === 'invalid') {
        result.replaceChildren(h('p', { class: 'status error' }, e.message));
      } else {
        failed(e);
      }
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  }

  function render(data, live) {
    const keys = data.columns.map((c) => c.key);
    if (!s.order || s.order.length !== keys.length || !keys.every((k) => s.order.includes(k))) s.order = keys;
    const byKey = Object.fromEntries(data.columns.map((c) => [c.key, c]));
    const shown = s.order.filter((k) => !s.hidden.has(k));
    const focusedRow = live ? document.activeElement?.closest?.('#worklist tbody tr')?.dataset.rowId : null;
    if (!live) {
      renderControls(data.columns);
      renderColumnBar(byKey);
    }
    const isTask = data.rowType === 'task';
    const canAssign = isTask && session.can('task:assign');
    const head = h('tr', {}, shown.map((k) => h('th', { scope: 'col', 'aria-sort': ariaSort(k) },
      h('button', { type: 'button', class: 'sort', onclick: () => toggleSort(k) }, byKey[k].label, sortMark(k)))),
    isTask ? h('th', { scope: 'col' }, 'Assigned to') : null,
    canAssign ? h('th', { scope: 'col' }, 'Assignment') : null);
    const shows = (row) => JSON.stringify([row.values, row.assignedTo?.name]);
    const body = data.rows.length ? data.rows.map((row) => h('tr', {
      dataset: { rowId: row.id, resourceType: row.resourceType }, tabindex: '0', 'aria-current': row.id === opened?.row.id ? 'true' : null,
      'data-live-updated': live && shownRows.get(row.id) !== shows(row) ? 'true' : null,
      onclick: (e) => { if (!e.target.closest('button')) open(row, data.rowType); },
      onkeydown: (e) => rowKey(e, row, data.rowType),
    },
    shown.map((k) => h('td', { title: row.errors?.[k] || null }, cellText(row.values[k]))),
    isTask ? h('td', { 'data-column': 'assigned-to' }, row.assignedTo?.name || 'Unassigned') : null,
    canAssign ? h('td', {}, assignButtons(row)) : null))
      : [h('tr', {}, h('td', { colspan: shown.length + (isTask ? 1 : 0) + (canAssign ? 1 : 0) || 1, class: 'muted' }, s.mine ? 'No tasks are assigned to you here.' : 'No rows match.'))];
    // without a column, rows show nothing of their own (a Task still shows its assignment): say what is missing
    const noColumns = data.columns.length ? null : h('p', { class: 'muted', 'data-state': 'no-columns' },
      `This panel has no columns for ${data.rowType} rows yet. `, h('a', { href: `#/panels/${encodeURIComponent(panel.id)}/columns` }, 'Add columns'));
    replace(result, noColumns, h('table', { id: 'worklist', 'data-row-type': data.rowType },
      h('caption', { class: 'muted' }, `${data.rowType} rows, page ${data.page + 1}${data.total !== undefined ? ` of ${Math.max(1, Math.ceil(data.total / data.size))} (${data.total} total)` : ''}${data.filteredOnPage ? ' — some filters apply to this page only' : ''}`),
      h('thead', {}, head), h('tbody', {}, body)));
    if (focusedRow) [...result.querySelectorAll('tbody tr')].find((tr) => tr.dataset.rowId === focusedRow)?.focus();
    shownRows = new Map(data.rows.map((row) => [row.id, shows(row)]));
    pager.replaceChildren(
      h('button', { type: 'button', class: 'secondary', disabled: s.page === 0, onclick: () => { s.page -= 1; load(); } }, 'Previous page'),
      h('button', { type: 'button', class: 'secondary', disabled: !data.hasNext, onclick: () => { s.page += 1; load(); } }, 'Next page'),
      h('label', { class: 'row' }, 'Rows per page ', h('select', { onchange: (e) => { s.size = Number(e.target.value); s.page = 0; load(); } },
        [10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === s.size }, n)))));
  }

  // The pane shows the row, its patient (for a Task or an Appointment) or its open Tasks and upcoming Appointments
  // (for a Patient): a change to any of those may change it.
  function affectsDetail(change, row) {
    if (change.reset) return true;
    if (change.resourceType === row.resourceType && change.id === row.id) return true;
    return row.resourceType === 'Patient' ? ['Task', 'Appointment'].includes(change.resourceType) : change.resourceType === 'Patient';
  }

  function open(row, type) {
    opened = { row, type };
    result.querySelectorAll('tbody tr').forEach((tr) => tr.toggleAttribute('aria-current', tr.dataset.rowId === row.id));
    showDetail();
  }

  function showDetail(options) {
    showRowDetail(detail, panel, opened.type, opened.row, () => load(), options);
  }

  // Arrow keys move between rows, Enter opens the focused row's details, Escape closes them.
  function rowKey(e, row, type) {
    const tr = e.currentTarget;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (next) next.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(row, type);
    } else if (e.key === 'Escape') {
      opened = null;
      hide(detail);
      tr.focus();
    }
  }

  function rowType() {
    return s.view ? views.find((v) => v.id === s.view)?.rowType : s.type;
  }

  function assignButtons(row) {
    const path = `api/tasks/${encodeURIComponent(row.id)}/assignment`;
    const act = async (method, message) => {
      try { await call(method, path, method === 'PUT' ? { body: {} } : {}); status(message); load(); } catch (e) { failed(e); }
    };
    return [h('button', { type: 'button', class: 'secondary', 'data-action': 'assign-to-me', onclick: () => act('PUT', 'Task assigned to you.') }, 'Assign to me'), ' ',
      h('button', { type: 'button', class: 'secondary', 'data-action': 'unassign', onclick: () => act('DELETE', 'Task unassigned.') }, 'Unassign')];
  }

  function renderControls(columns) {
    const viewSelect = h('select', { id: 'view-select', onchange: (e) => { s.view = e.target.value; s.page = 0; s.order = null; s.hidden.clear(); load(); } },
      h('option', { value: '' }, 'All columns (no view)'), views.map((v) => h('option', { value: v.id, selected: v.id === s.view }, `${v.name} (${v.rowType})`)));
    const typeSelect = h('select', { id: 'type-select', disabled: Boolean(s.view), onchange: (e) => { s.type = e.target.value; s.page = 0; s.order = null; load(); } },
      panel.dataSources.map((t) => h('option', { value: t, selected: t === (s.view ? views.find((v) => v.id === s.view)?.rowType : s.type) }, t)));
    const filterColumn = h('select', { id: 'filter-column' }, columns.map((c) => h('option', { value: c.key, selected: c.key === s.filter?.column }, c.label)));
    const filterValue = h('input', { id: 'filter-value', type: 'search', value: s.filter?.value || '', placeholder: 'contains…' });
    const apply = (e) => { e.preventDefault(); s.filter = filterValue.value.trim() ? { column: filterColumn.value, value: filterValue.value.trim() } : null; s.page = 0; load(); };
    const mine = rowType() === 'task' && session.me?.fhirUser
      ? h('label', { class: 'row', for: 'mine-only' }, h('input', { type: 'checkbox', id: 'mine-only', checked: s.mine, onchange: (e) => { s.mine = e.target.checked; s.page = 0; load(); } }), 'My tasks')
      : null;
    replace(controls,
      h('label', { for: 'view-select' }, 'View'), viewSelect,
      h('label', { for: 'type-select' }, 'Rows'), typeSelect, mine,
      h('form', { class: 'row', role: 'search', onsubmit: apply },
        h('label', { for: 'filter-column' }, 'Filter'), filterColumn, filterValue, h('button', { type: 'submit' }, 'Apply')));
  }

  function renderColumnBar(byKey) {
    replace(columnBar, h('span', { class: 'muted' }, 'Columns: '), s.order.map((k, i) => h('span', { class: 'colctl' },
      h('input', { type: 'checkbox', id: `show-${k}`, checked: !s.hidden.has(k), onchange: (e) => { if (e.target.checked) s.hidden.delete(k); else s.hidden.add(k); load(); } }),
      h('label', { for: `show-${k}` }, byKey[k].label),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Move ${byKey[k].label} left`, disabled: i === 0, onclick: () => move(i, -1) }, '←'),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Move ${byKey[k].label} right`, disabled: i === s.order.length - 1, onclick: () => move(i, 1) }, '→'))),
    h('button', { type: 'button', id: 'save-view', onclick: saveView }, 'Save as view'));
  }

  function move(index, delta) {
    const order = [...s.order];
    [order[index], order[index + delta]] = [order[index + delta], order[index]];
    s.order = order;
    load();
  }

  function toggleSort(key) {
    const [column, direction] = s.sort.split(':');
    s.sort = column === key && direction === 'asc' ? `${key}:desc` : `${key}:asc`;
    s.page = 0;
    load();
  }
  const sortMark = (k) => (s.sort.startsWith(`${k}:`) ? (s.sort.endsWith(':asc') ? ' ▲' : ' ▼') : '');
  const ariaSort = (k) => (s.sort.startsWith(`${k}:`) ? (s.sort.endsWith(':asc') ? 'ascending' : 'descending') : null);

  async function saveView() {
    const name = window.prompt('Name of the new view');
    if (!name) return;
    const [column, direction] = s.sort ? s.sort.split(':') : [];
    const definition = {
      columns: s.order.filter((k) => !s.hidden.has(k)),
      filters: s.filter ? [{ column: s.filter.column, operator: 'contains', value: s.filter.value }] : [],
      sort: column ? { column, direction } : null,
    };
    const rowType = s.view ? views.find((v) => v.id === s.view)?.rowType : s.type;
    try {
      const { body } = await call('POST', `api/panels/${encodeURIComponent(panel.id)}/views`, { body: { name, rowType, visibility: 'private', definition } });
      views.push(body);
      s.view = body.id;
      status(`View "${name}" saved.`);
      load();
    } catch (e) { failed(e); }
  }

  await load();
}
