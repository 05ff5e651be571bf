// The detail pane of one worklist row: all its columns (hidden ones too), its related resources and, for a Task, its
// patient, owner, status and notes with the changes the server says this person may make. A refused change is reported in the pane and what was
// typed stays in the form.
import { h, replace, status, cellText, formatDate } from '../ui.js';
import { call, get, ApiError } from '../api.js';
import { failed } from '../errors.js';

/**
 * Fills `pane` for `row` of `panel` (row type `rowType`): every column of the row, the hidden ones too (a panel's
 * detail-only fields), its related resources, and for a Task its work. `changed` reloads the worklist.
 */
export async function showRowDetail(pane, panel, rowType, row, changed) {
  pane.hidden = false;
  const close = h('button', { type: 'button', class: 'secondary', 'data-action': 'close-detail', onclick: () => hide(pane) }, 'Close');
  const body = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' });
  replace(pane, h('div', { class: 'row' }, h('h2', { id: 'detail-title', tabindex: '-1' }, `${row.resourceType} ${row.id}`), h('span', { class: 'spacer' }), close), body);
  pane.querySelector('#detail-title').focus();
  let detail;
  try {
    detail = await get(`api/panels/${encodeURIComponent(panel.id)}/rows/${encodeURIComponent(rowType)}/${encodeURIComponent(row.id)}`);
  } catch (e) {
    replace(body, h('p', { class: 'status error', role: 'alert' }, e instanceof ApiError ? e.message : 'The details could not be read.'));
    return;
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
  const work = h('div', { id: 'task-work' });
  replace(body,
    h('dl', { class: 'detail-fields', id: 'detail-fields' }, detail.fields.map((f) => [
      h('dt', {}, f.label, f.shownInTable ? null : h('span', { class: 'muted' }, ' (detail)')),
      h('dd', { dataset: { field: f.key } }, cellText(f.value) || '—')])),
    related(detail.related), work);
  if (row.resourceType === 'Task') await taskDetail(work, row.id, changed);
}

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
  pane.replaceChildren();
}

async function taskDetail(body, id, changed) {
  const path = `api/tasks/${encodeURIComponent(id)}`;
  let task;
  try {
    task = await get(path);
  } catch (e) {
    replace(body, h('p', { class: 'status error', role: 'alert' }, e instanceof ApiError ? e.message : 'The task could not be read.'));
    return;
  }
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
    try {
      await call(method, `${path}${suffix}`, payload === undefined ? {} : { body: payload });
    } catch (e) { refused(e); throw e; }
    // Saved: what follows only shows it, and its failures are not "not saved".
    status(done);
    changed();
    await taskDetail(body, id, changed);
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
