// The audit page for auditors and admins: who did what to which panel or task, when. Filters are sent to the
// server (nothing is filtered here), pages follow the API's Link: rel="next", and the export downloads the
// same filters as CSV through the in-memory token (a plain link could not carry it).
import { h, replace, show, status, field, showFieldErrors, formatDate } from '../ui.js';
import { getResponse, ApiError } from '../api.js';
import { failed } from '../errors.js';

const FILTERS = ['person', 'action', 'panel', 'from', 'to'];

export async function auditPage() {
  const filters = { page: 0 };
  const input = (name, attrs) => h('input', { name, ...attrs });
  const form = h('form', { id: 'audit-filters', class: 'card', role: 'search', onsubmit: (e) => { e.preventDefault(); filters.page = 0; load(); } },
    h('div', { class: 'filter-grid' },
      field('Person (id, name or email)', input('person', { type: 'search', maxlength: 255 }), 'person'),
      field('Action (e.g. panel.update or task.*)', input('action', { type: 'search', maxlength: 64, list: 'audit-actions' }), 'action'),
      field('Panel id', input('panel', { type: 'search', maxlength: 36 }), 'panel'),
      field('From (UTC date)', input('from', { type: 'date' }), 'from'),
      field('Until (UTC date, exclusive)', input('to', { type: 'date' }), 'to')),
    h('datalist', { id: 'audit-actions' }, ['panel.*', 'worklist.read', 'task.*', 'column.*', 'view.*', 'audit.export'].map((a) => h('option', { value: a }))),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Apply filters'),
      h('button', { type: 'button', class: 'secondary', id: 'audit-export', onclick: exportCsv }, 'Export CSV')));
  const result = h('div', { class: 'table-wrap', 'aria-live': 'polite' });
  const pager = h('div', { class: 'row', id: 'audit-pager' });
  show(h('h1', {}, 'Audit trail'), h('p', { class: 'muted' }, 'Everything people did in this organization, newest first. Times show in your time zone; the date filters are UTC days.'), form, result, pager);

  function query(withPage) {
    const q = new URLSearchParams();
    FILTERS.forEach((name) => { const v = form.elements[name].value.trim(); if (v) q.set(name, v); });
    if (withPage) { q.set('page', filters.page); q.set('limit', 50); }
    return q;
  }

  async function load() {
    result.setAttribute('aria-busy', 'true');
    try {
      const response = await getResponse(`api/audit?${query(true)}`, 'application/json');
      const records = await response.json();
      form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
      render(records, /rel="next"/.test(response.headers.get('Link') || ''));
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'invalid') showFieldErrors(form, e.problem); else failed(e);
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  }

  function render(records, hasNext) {
    replace(result, h('table', { id: 'audit-table' },
      h('caption', { class: 'muted' }, `Page ${filters.page + 1}`),
      h('thead', {}, h('tr', {}, ['Time', 'Person', 'Action', 'Target', 'Panel', 'Outcome', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, records.length ? records.map((r) => h('tr', { dataset: { action: r.action } },
        h('td', {}, formatDate(r.at)), h('td', { title: r.subject }, r.subjectName || r.subject), h('td', {}, r.action),
        h('td', {}, `${r.targetType}${r.targetId ? ` ${r.targetId}` : ''}`), h('td', {}, r.panelId || ''),
        h('td', {}, r.outcome.toLowerCase()), h('td', {}, r.detail || '')))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No records match.')))));
    replace(pager,
      h('button', { type: 'button', class: 'secondary', disabled: filters.page === 0, onclick: () => { filters.page -= 1; load(); } }, 'Newer'),
      h('button', { type: 'button', class: 'secondary', id: 'audit-older', disabled: !hasNext, onclick: () => { filters.page += 1; load(); } }, 'Older'));
  }

  async function exportCsv() {
    try {
      const response = await getResponse(`api/audit/export?${query(false)}`, 'text/csv');
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: 'panels-audit.csv', hidden: true });
      document.body.append(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      status('Audit export downloaded.');
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'invalid') showFieldErrors(form, e.problem); else failed(e);
    }
  }

  await load();
}
