// Columns of a panel: FHIRPath expressions over the row, typed, ordered, hideable.
import { h, replace, status, field } from '../ui.js';
import { call, etagOf } from '../api.js';
import { keepFormOnFailure } from '../forms.js';
import { failed } from '../errors.js';
import { reload } from '../router.js';

const TYPES = ['text', 'number', 'date', 'datetime', 'boolean', 'select', 'multi_select', 'user'];

export function columnsTab(container, panel, canEdit) {
  const base = `api/panels/${encodeURIComponent(panel.id)}/columns`;
  const rows = (panel.columns || []).map((c) => h('tr', { dataset: { columnKey: c.key } },
    h('td', {}, c.label), h('td', {}, h('code', {}, c.key)), h('td', {}, c.type), h('td', {}, c.rowType),
    h('td', {}, h('code', {}, c.expression)), h('td', {}, c.hidden ? 'hidden' : 'shown'),
    h('td', {}, canEdit ? [
      h('button', { type: 'button', class: 'secondary', 'aria-label': `${c.hidden ? 'Show' : 'Hide'} column ${c.label}`,
        onclick: () => save(`${base}/${encodeURIComponent(c.id)}`, 'PUT', { ...c, hidden: !c.hidden }, c.version) }, c.hidden ? 'Show' : 'Hide'),
      ' ',
      h('button', { type: 'button', class: 'danger', 'aria-label': `Delete column ${c.label}`, onclick: () => remove(c) }, 'Delete'),
    ] : null)));
  replace(container,
    h('div', { class: 'table-wrap card' }, h('table', { id: 'columns-table' },
      h('caption', { class: 'muted' }, 'Columns'),
      h('thead', {}, h('tr', {}, ['Label', 'Key', 'Type', 'Row type', 'Expression', 'Default', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No columns yet.'))))),
    canEdit ? addForm(base, panel) : null);

  async function remove(column) {
    if (!window.confirm(`Delete the column "${column.label}"?`)) return;
    try {
      await call('DELETE', `${base}/${encodeURIComponent(column.id)}`, { headers: { 'If-Match': etagOf(column.version) } });
      status('Column deleted.');
      reload();
    } catch (e) { failed(e); }
  }
}

async function save(path, method, column, version, form) {
  const body = {
    key: column.key, label: column.label, type: column.type, rowType: column.rowType, expression: column.expression,
    searchParam: column.searchParam || null, width: column.width || 150, hidden: Boolean(column.hidden),
    locked: Boolean(column.locked), options: column.options || [],
  };
  try {
    await call(method, path, { body, headers: version !== undefined ? { 'If-Match': etagOf(version) } : {} });
    status('Column saved.');
    reload();
  } catch (e) {
    if (!keepFormOnFailure(form, e, () => form.requestSubmit())) failed(e);
  }
}

function addForm(base, panel) {
  const label = h('input', { required: true, maxlength: 100 });
  const key = h('input', { required: true, pattern: '[a-z][a-z0-9_]*', maxlength: 63 });
  const type = h('select', {}, TYPES.map((t) => h('option', { value: t }, t)));
  const rowType = h('select', {}, panel.dataSources.map((t) => h('option', { value: t }, t)));
  const expression = h('input', { required: true, maxlength: 1000, spellcheck: 'false', placeholder: 'Patient.name.first().given.first()' });
  const searchParam = h('input', { maxlength: 64, placeholder: 'optional, e.g. family' });
  const options = h('input', { placeholder: 'for select types: comma-separated' });
  label.addEventListener('input', () => {
    if (!key.dataset.touched) key.value = label.value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '').slice(0, 63);
  });
  key.addEventListener('input', () => { key.dataset.touched = '1'; });
  const form = h('form', { class: 'card', id: 'column-form', novalidate: true },
    h('h2', {}, 'Add a column'),
    field('Label', label, 'label'), field('Key', key, 'key'), field('Type', type, 'type'), field('Row type', rowType, 'rowType'),
    field('FHIRPath expression', expression, 'expression'), field('FHIR search parameter', searchParam, 'searchParam'),
    field('Options', options, 'options'),
    h('button', { type: 'submit' }, 'Add column'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(base, 'POST', {
      label: label.value, key: key.value, type: type.value, rowType: rowType.value, expression: expression.value,
      searchParam: searchParam.value.trim() || null,
      options: options.value.split(',').map((o) => o.trim()).filter(Boolean),
    }, undefined, form);
  });
  return form;
}
