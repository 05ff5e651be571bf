// The detail pane of one worklist row: all its columns (hidden ones too), its related resources and, for a Task, its
// patient, owner, status and notes with the changes the server says this person may make. A refused change is
// reported in the pane and what was typed stays in the form. It follows Medplum live without losing a note being
// written or moving under someone typing.
import { h, replace, status, cellText, formatDate } from '../ui.js';
import { call, get, ApiError } from '../api.js';
import { failed } from '../errors.js';

// pane → what it shows ({ detail, task } as JSON) and whether the person's own change is on its way: a live reload
// that finds the same, or that a newer render overtook, does nothing
const shown = new WeakMap();

/**
 * Fills `pane` for `row` of `panel` (row type `rowType`): every column of the row, the hidden ones too (a panel's
 * detail-only fields), its related resources, and for a Task its work. `changed` reloads the worklist. With `live`
 * (something it shows may have changed in Medplum) the pane reloads only if what it shows did change, without taking
 * the focus, or, while the person is in one of its fields, offers to; a note being written is kept either way.
 * `force` reloads it at once, without taking the focus (after the person's own change, with `draft` as the note, or
 * when they accept the offer).
 */
export async function showRowDetail(pane, panel, rowType, row, changed, { live = false, force = false, draft } = {}) {
  const again = () => showRowDetail(pane, panel, rowType, row, changed, { force: true });
  const detailPath = `api/panels/${encodeURIComponent(panel.id)}/rows/${encodeURIComponent(rowType)}/${encodeURIComponent(row.id)}`;
  let fresh = null;
  if (live || force) {
    const was = shown.get(pane);
    try {
      const [detail, task] = await Promise.all([get(detailPath), row.resourceType === 'Task' ? get(taskPath(row.id)) : null]);
      fresh = { detail, task };
    } catch {
      if (force && was) was.saving = false; // the next change shows it
      return; // the pane keeps what it shows; the next change tries again
    }
    if (pane.dataset.rowId !== row.id || shown.get(pane) !== was) return; // another row, or a newer render, came first
    if (!force) {
      if (!was || was.saving) return; // the person's own change shows itself
      if (was.detail === JSON.stringify(fresh.detail) && was.task === JSON.stringify(fresh.task)) return;
      if (typing(pane)) { offerReload(pane, again); return; }
    }
  }
  const kept = draft ?? (pane.dataset.rowId === row.id ? pane.querySelector('#task-note')?.value || '' : '');
  pane.hidden = false;
  pane.dataset.rowId = row.id;
  const close = h('button', { type: 'button', class: 'secondary', 'data-action': 'close-detail', onclick: () => hide(pane) }, 'Close');
  const body = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' });
  replace(pane, h('div', { class: 'row' }, h('h2', { id: 'detail-title', tabindex: '-1' }, `${row.resourceType} ${row.id}`), h('span', { class: 'spacer' }), close), body);
  if (!live && !force) pane.querySelector('#detail-title').focus();
  const memo = { detail: null, task: 'null', saving: false };
  shown.set(pane, memo);
  let detail = fresh?.detail;
  try {
    detail ||= await get(detailPath);
  } catch (e) {
    if (shown.get(pane) === memo) replace(body, h('p', { class: 'status error', role: 'alert' }, e instanceof ApiError ? e.message : 'The details could not be read.'));
    return;
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
  if (shown.get(pane) !== memo) return; // another row was opened meanwhile
  memo.detail = JSON.stringify(detail);
  const work = h('div', { id: 'task-work' });
  replace(body,
    h('dl', { class: 'detail-fields', id: 'detail-fields' }, detail.fields.map((f) => [
      h('dt', {}, f.label, f.shownInTable ? null : h('span', { class: 'muted' }, ' (detail)')),
      h('dd', { dataset: { field: f.key } }, cellText(f.value) || '—')])),
    related(detail.related), work);
  if (row.resourceType === 'Task') {
    const reload = (note) => showRowDetail(pane, panel, rowType, row, changed, { force: true, draft: note });
    await taskDetail(work, { id: row.id, changed, draft: kept, task: fresh?.task, memo, reload });
  }
}

function typing(pane) {
  return pane.contains(document.activeElement) && document.activeElement.matches('input, select, textarea');
}

function offerReload(pane, reload) {
  if (pane.querySelector('#detail-changed')) return;
  pane.firstElementChild?.after(h('p', { class: 'notice', id: 'detail-changed', role: 'status' },
    'This row changed in the meantime. ', h('button', { type: 'button', class: 'secondary', onclick: reload }, 'Show the change')));
}

const taskPath = (id) => `api/tasks/${encodeURIComponent(id)}`;

function related(r) {
  const parts = [];
  if (r.patient) parts.push(h('h3', {}, 'Patient'), h('p', { id: 'related-patient' }, `${r.patient.name || r.patient.id}${r.patient.birthDate ? `, born ${r.patient.birthDate}` : ''}`));
  if (r.location !== undefined) parts.push(h('h3', {}, 'Location'), h('p', {}, r.location || '—'));
  if (r.openTasks) {
    parts.push(h('h3', {}, 'Open tasks'), r.openTasks.length
      ? h('ul', { class: 'plain', id: 'related-tasks' }, r.openTasks.map((t) => h('li', { dataset: { taskId: t.id } }, `${t.description || t.id} `, h('span', { class: 'muted' }, t.status))))
      : h('p', { class: 'muted', id: 'related-tasks' }, 'No open tasks.'));
  }
  if (r.upcomingAppointments) {
    parts.push(h('h3', {}, 'Upcoming appointments'), r.upcomingAppointments.length
      ? h('ul', { class: 'plain', id: 'related-appointments' }, r.upcomingAppointments.map((a) => h('li', {}, `${formatDate(a.start)} `, h('span', { class: 'muted' }, `${a.description} ${a.status}`))))
      : h('p', { class: 'muted', id: 'related-appointments' }, 'No upcoming appointments.'));
  }
  return parts;
}

export function hide(pane) {
  pane.hidden = true;
  delete pane.dataset.rowId; // a reload still on its way for it then shows nothing
  pane.replaceChildren();
}

/**
 * The Task's work in `body`: `task` when already read, `draft` the note being written, `memo` what the pane shows;
 * after a saved change, `reload(note)` shows the whole row again (its fields change with the Task).
 */
async function taskDetail(body, { id, changed, draft, task, memo, reload }) {
  const path = taskPath(id);
  try {
    task ||= await get(path);
  } catch (e) {
    replace(body, h('p', { class: 'status error', role: 'alert' }, e instanceof ApiError ? e.message : 'The task could not be read.'));
    return;
  }
  memo.task = JSON.stringify(task);
  const message = h('p', { class: 'field-error', role: 'alert', 'data-state': 'task-message' });
  const refused = (e) => {
    // Shown here, not as a page state: the pane and what was typed in it stay.
    if (e instanceof ApiError && e.kind !== 'session') {
      message.textContent = `Not saved: ${Object.values(e.problem?.errors || {})[0] || e.message}`;
      return;
    }
    failed(e);
  };
  const act = async (method, suffix, payload, done) => {
    message.textContent = '';
    memo.saving = true;
    try {
      await call(method, `${path}${suffix}`, payload === undefined ? {} : { body: payload });
    } catch (e) { memo.saving = false; refused(e); throw e; }
    // Saved: what follows only shows it, and its failures are not "not saved". A note being written survives
    // another change (assigning, a status) and goes once it is added.
    status(done);
    changed();
    await reload(suffix === '/notes' ? '' : noteText.value);
  };

  const statusControl = task.may.changeStatus
    ? h('form', { class: 'row', id: 'task-status-form', onsubmit: (e) => { e.preventDefault(); act('PUT', '/status', { status: e.target.status.value }, 'Status changed.').catch(() => {}); } },
      h('label', { for: 'task-status' }, 'Change status to'),
      h('select', { id: 'task-status', name: 'status' }, task.statusChoices.map((s) => h('option', { value: s }, s))),
      h('button', { type: 'submit' }, 'Change status'))
    : null;
  const assignment = [
    task.may.assignSelf ? h('button', { type: 'button', class: 'secondary', 'data-action': 'detail-assign-to-me', onclick: () => act('PUT', '/assignment', {}, 'Task assigned to you.').catch(() => {}) }, 'Assign to me') : null,
    task.may.unassign ? h('button', { type: 'button', class: 'secondary', 'data-action': 'detail-unassign', onclick: () => act('DELETE', '/assignment', undefined, 'Task unassigned.').catch(() => {}) }, 'Unassign') : null,
  ];
  const noteText = h('textarea', { id: 'task-note', name: 'text', rows: 3, maxlength: 2000, required: true });
  noteText.value = draft;
  const noteForm = task.may.note
    ? h('form', { id: 'task-note-form', onsubmit: async (e) => {
      e.preventDefault();
      const text = noteText.value;
      try {
        await act('POST', '/notes', { text }, 'Note added.');
      } catch { noteText.value = text; /* refused: keep what was typed */ }
    } },
    h('label', { for: 'task-note' }, 'Add a note'), noteText, h('button', { type: 'submit' }, 'Add note'))
    : null;
  replace(body,
    h('p', {}, task.description),
    h('dl', { class: 'detail-fields' },
      h('dt', {}, 'Status'), h('dd', { 'data-task-field': 'status' }, task.status),
      h('dt', {}, 'Assigned to'), h('dd', { 'data-task-field': 'owner' }, task.ownerName || 'Unassigned')),
    h('div', { class: 'row' }, assignment), statusControl, message,
    h('h3', {}, 'Notes'),
    task.notes.length
      ? h('ul', { class: 'plain', id: 'task-notes' }, task.notes.map((n) => h('li', {}, h('div', { class: 'muted' }, `${n.author || 'Unknown'} · ${formatDate(n.time)}`), h('div', { class: 'note-text' }, n.text))))
      : h('p', { class: 'muted', id: 'task-notes' }, 'No notes yet.'),
    noteForm);
}
