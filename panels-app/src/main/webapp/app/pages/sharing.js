// The sharing dialog of a panel (owners and admins): who has which level, "everyone in the organization", and a
// member search that asks the server (Keycloak searches the caller's own organization; no member list is ever sent
// whole to the browser). A refused save is explained in the dialog and the edits stay.
import { h, replace, status } from '../ui.js';
import { call, get, ApiError } from '../api.js';
import { failed } from '../errors.js';

const EVERYONE = '*';
const LEVELS = ['viewer', 'editor', 'owner'];

export async function openSharing(panel, onSaved) {
  const grants = new Map((panel.sharing || []).map((g) => [g.principal, g.level]));
  const names = new Map();
  const people = [...grants.keys()].filter((p) => p !== EVERYONE);
  if (people.length) {
    try { (await get(`api/members?${people.map((id) => `id=${encodeURIComponent(id)}`).join('&')}`)).forEach((m) => names.set(m.id, m)); }
    catch { /* names are a convenience: ids still show */ }
  }
  const list = h('ul', { class: 'plain', id: 'sharing-list' });
  const message = h('p', { class: 'field-error', role: 'alert', 'data-state': 'sharing-message' });
  const results = h('ul', { class: 'plain', id: 'member-results', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: 'member-search', autocomplete: 'off', placeholder: 'Name or email', maxlength: 100 });
  const everyone = h('select', { id: 'everyone-level' },
    h('option', { value: '' }, 'No access'), ['viewer', 'editor'].map((l) => h('option', { value: l, selected: grants.get(EVERYONE) === l }, l)));
  const dialog = h('dialog', { id: 'sharing-dialog', 'aria-labelledby': 'sharing-title' },
    h('form', { method: 'dialog', onsubmit: save },
      h('h2', { id: 'sharing-title' }, `Share "${panel.name}"`),
      h('label', { for: 'everyone-level' }, 'Everyone in the organization'), everyone,
      h('h3', {}, 'People'), list,
      h('label', { for: 'member-search' }, 'Add a person'), search, results,
      message,
      h('div', { class: 'row' }, h('button', { type: 'submit', id: 'sharing-save' }, 'Save sharing'),
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'))));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  render();
  dialog.showModal();

  let timer;
  let asked = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      if (q.length < 2) { replace(results); return; }
      const mine = ++asked;
      try {
        const found = await get(`api/members?q=${encodeURIComponent(q)}`);
        if (mine !== asked) return; // a newer search is under way
        replace(results, found.length ? found.map((m) => h('li', { class: 'row', dataset: { memberId: m.id } },
          h('span', {}, `${m.name} `, h('span', { class: 'muted' }, m.email)), h('span', { class: 'spacer' }),
          h('button', { type: 'button', class: 'secondary', disabled: grants.has(m.id), onclick: () => add(m) }, grants.has(m.id) ? 'Added' : 'Add')))
          : h('li', { class: 'muted' }, 'No member of your organization matches.'));
      } catch (e) {
        replace(results, h('li', { class: 'field-error' }, e instanceof ApiError ? e.message : 'The search failed.'));
      }
    }, 250);
  });

  function add(member) {
    names.set(member.id, member);
    grants.set(member.id, 'viewer');
    replace(results);
    search.value = '';
    render();
    list.querySelector(`[data-principal="${CSS.escape(member.id)}"] select`)?.focus();
  }

  function render() {
    const entries = [...grants.entries()].filter(([p]) => p !== EVERYONE);
    replace(list, entries.length ? entries.map(([principal, level]) => {
      const who = names.get(principal);
      return h('li', { class: 'row', dataset: { principal } },
        h('span', {}, who ? `${who.name} ` : principal, who ? h('span', { class: 'muted' }, who.email) : null), h('span', { class: 'spacer' }),
        h('select', { 'aria-label': `Level of ${who?.name || principal}`, onchange: (e) => grants.set(principal, e.target.value) },
          LEVELS.map((l) => h('option', { value: l, selected: l === level }, l))),
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${who?.name || principal}`, onclick: () => { grants.delete(principal); render(); } }, 'Remove'));
    }) : h('li', { class: 'muted' }, 'Shared with nobody in particular.'));
  }

  async function save(e) {
    e.preventDefault();
    message.textContent = '';
    const body = [...grants.entries()].filter(([p]) => p !== EVERYONE).map(([principal, level]) => ({ principal, level }));
    if (everyone.value) body.push({ principal: EVERYONE, level: everyone.value });
    try {
      await call('PUT', `api/panels/${encodeURIComponent(panel.id)}/sharing`, { body });
      dialog.close();
      status('Sharing saved.');
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.kind !== 'session') {
        message.textContent = `Not saved: ${Object.entries(err.problem?.errors || {}).map(([f, m]) => `${f} ${m}`).join('; ') || err.message}`;
      } else {
        dialog.close();
        failed(err);
      }
    }
  }
}
