// Saved views of a panel: visible ordered columns, filters and sort, private or shared in the organization.
import { h, replace, status, field } from '../ui.js';
import { call, get, etagOf } from '../api.js';
import { keepFormOnFailure } from '../forms.js';
import { session } from '../me.js';
import { failed } from '../errors.js';
import { reload } from '../router.js';

export async function viewsTab(container, panel) {
  const base = `api/panels/${encodeURIComponent(panel.id)}/views`;
  const views = await get(base);
  const mine = (v) => v.owner === session.me.subject;
  container.replaceChildren(
    h('div', { class: 'card' }, h('h2', {}, 'Views'), h('ul', { class: 'plain', id: 'view-list' },
      views.length ? views.map((v) => h('li', { dataset: { viewId: v.id } },
        h('strong', {}, v.name), ' ', h('span', { class: 'muted' }, `${v.rowType} · ${v.visibility} · columns: ${v.definition.columns.join(', ') || 'all'}`),
        mine(v) || session.can('panel:manage-any')
          ? [' ', h('button', { type: 'button', class: 'danger', 'aria-label': `Delete view ${v.name}`, onclick: () => remove(v) }, 'Delete')] : null))
        : h('li', { class: 'muted' }, 'No views yet.'))),
    addForm(base, panel));

  async function remove(view) {
    if (!window.confirm(`Delete the view "${view.name}"?`)) return;
    try {
      await call('DELETE', `${base}/${encodeURIComponent(view.id)}`, { headers: { 'If-Match': etagOf(view.version) } });
      status('View deleted.');
      reload();
    } catch (e) { failed(e); }
  }
}

function addForm(base, panel) {
  const name = h('input', { required: true, maxlength: 200 });
  const rowType = h('select', {}, panel.dataSources.map((t) => h('option', { value: t }, t)));
  const visibility = h('select', {}, h('option', { value: 'private' }, 'Only me'), h('option', { value: 'organization' }, 'Everyone in my organization'));
  const columnBox = h('fieldset', { id: 'view-columns' }, h('legend', {}, 'Visible columns, in order'));
  const sortColumn = h('select', {});
  const sortDirection = h('select', {}, h('option', { value: 'asc' }, 'ascending'), h('option', { value: 'desc' }, 'descending'));
  const filterColumn = h('select', {});
  const filterOperator = h('select', {}, ['contains', 'equals', 'date_range'].map((o) => h('option', { value: o }, o.replace('_', ' '))));
  const filterValue = h('input', { maxlength: 200, placeholder: 'text, or from#to / @this_week for dates' });
  const fill = () => {
    const columns = (panel.columns || []).filter((c) => c.rowType === rowType.value);
    replace(columnBox, h('legend', {}, 'Visible columns, in order'), columns.length ? columns.map((c) => h('label', { class: 'row' },
      h('input', { type: 'checkbox', value: c.key, checked: !c.hidden }), ` ${c.label}`)) : h('p', { class: 'muted' }, 'This row type has no columns yet.'),
    h('p', { class: 'field-error', 'data-error-for': 'definition' }));
    const options = () => [h('option', { value: '' }, '(none)'), columns.map((c) => h('option', { value: c.key }, c.label))];
    sortColumn.replaceChildren(...options().flat());
    filterColumn.replaceChildren(...options().flat());
  };
  rowType.addEventListener('change', fill);
  fill();
  const form = h('form', { class: 'card', id: 'view-form', novalidate: true },
    h('h2', {}, 'Add a view'),
    field('Name', name, 'name'), field('Row type', rowType, 'rowType'), field('Shared with', visibility, 'visibility'),
    columnBox,
    h('fieldset', {}, h('legend', {}, 'Sort'), field('Column', sortColumn), field('Direction', sortDirection)),
    h('fieldset', {}, h('legend', {}, 'Filter'), field('Column', filterColumn), field('Operator', filterOperator), field('Value', filterValue)),
    h('button', { type: 'submit' }, 'Add view'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const definition = {
      columns: [...columnBox.querySelectorAll('input:checked')].map((i) => i.value),
      filters: filterColumn.value && filterValue.value.trim()
        ? [{ column: filterColumn.value, operator: filterOperator.value, value: filterValue.value.trim() }] : [],
      sort: sortColumn.value ? { column: sortColumn.value, direction: sortDirection.value } : null,
    };
    try {
      await call('POST', base, { body: { name: name.value, rowType: rowType.value, visibility: visibility.value, definition } });
      status('View added.');
      reload();
    } catch (e) {
      if (!keepFormOnFailure(form, e, () => form.requestSubmit())) failed(e);
    }
  });
  return form;
}
