// Panels list, and the create/edit form.
import { h, show, status, field, showFieldErrors } from '../ui.js';
import { call, get, etagOf } from '../api.js';
import { keepFormOnFailure } from '../forms.js';
import { session } from '../me.js';
import { failed } from '../errors.js';

const SOURCES = ['patient', 'task', 'appointment'];

export async function panelsPage() {
  const panels = await get('api/panels');
  const list = h('ul', { class: 'plain', id: 'panel-list', 'aria-label': 'Panels' },
    panels.length ? panels.map((p) => h('li', { dataset: { panelId: p.id } },
      h('a', { href: `#/panels/${encodeURIComponent(p.id)}` }, p.name),
      ' ', h('span', { class: 'muted' }, `(${p.dataSources.join(', ')} · ${p.access})`),
      p.description ? h('div', { class: 'muted' }, p.description) : null))
      : h('li', { class: 'muted' }, 'No panels yet.'));
  show(h('div', { class: 'row' }, h('h1', {}, 'Panels'), h('span', { class: 'spacer' }),
    session.can('panel:create') ? h('a', { class: 'button', href: '#/panels/new', id: 'new-panel' }, 'New panel') : null),
  h('div', { class: 'card' }, list));
}

export async function panelFormPage(id) {
  const panel = id ? await get(`api/panels/${encodeURIComponent(id)}`) : null;
  const name = h('input', { required: true, maxlength: 200, value: panel?.name || '' });
  const description = h('textarea', { rows: 3, maxlength: 2000 }, panel?.description || '');
  const sources = SOURCES.map((s) => h('label', { class: 'row' },
    h('input', { type: 'checkbox', name: 'dataSources', value: s, checked: panel ? panel.dataSources.includes(s) : s === 'patient' }), ` ${s}`));
  const cohort = h('textarea', { rows: 4, spellcheck: 'false' }, JSON.stringify(panel?.cohortRule || {}, null, 2));
  const form = h('form', { class: 'card', id: 'panel-form', novalidate: true },
    field('Name', name, 'name'),
    field('Description', description, 'description'),
    h('fieldset', {}, h('legend', {}, 'Data sources'), sources, h('p', { class: 'field-error', 'data-error-for': 'dataSources' })),
    field('Cohort rule (FHIR search parameters per row type, JSON)', cohort, 'cohortRule'),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, panel ? 'Save changes' : 'Create panel'),
      h('a', { class: 'button secondary', href: panel ? `#/panels/${encodeURIComponent(panel.id)}` : '#/panels' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let cohortRule;
    try { cohortRule = JSON.parse(cohort.value || '{}'); } catch {
      showFieldErrors(form, { errors: { cohortRule: 'is not valid JSON' } });
      return;
    }
    const body = {
      name: name.value, description: description.value || null, cohortRule,
      dataSources: sources.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
    };
    try {
      const saved = panel
        ? (await call('PUT', `api/panels/${encodeURIComponent(panel.id)}`, { body, headers: { 'If-Match': etagOf(panel.version) } })).body
        : (await call('POST', 'api/panels', { body })).body;
      status(panel ? 'Panel saved.' : 'Panel created.');
      location.hash = `#/panels/${encodeURIComponent(saved.id)}`;
    } catch (e) {
      if (!keepFormOnFailure(form, e, () => form.requestSubmit())) failed(e);
    }
  });
  show(h('h1', {}, panel ? `Edit ${panel.name}` : 'New panel'), form);
}

export async function deletePanel(panel) {
  if (!window.confirm(`Delete the panel "${panel.name}"? Its columns and views are deleted too.`)) return;
  try {
    await call('DELETE', `api/panels/${encodeURIComponent(panel.id)}`, { headers: { 'If-Match': etagOf(panel.version) } });
    status('Panel deleted.');
    location.hash = '#/panels';
  } catch (e) {
    failed(e);
  }
}
