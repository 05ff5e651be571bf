// DOM helpers. Everything is built with createElement/textContent: data from the API or FHIR is never
// parsed as HTML, so it cannot inject markup or script.

/** h('button', {type: 'button', onclick: fn}, 'Save') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Like Element.replaceChildren, but flattens arrays (from .map) and skips null/false children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const main = () => document.getElementById('main');

/** Replaces the page content and moves focus to it (screen readers announce the new page). */
export function show(...children) {
  const m = main();
  m.replaceChildren();
  append(m, children);
  const heading = m.querySelector('h1');
  document.title = heading ? `${heading.textContent} – Panels` : 'Panels';
  m.focus({ preventScroll: true });
}

let statusTimer;
/** A polite, temporary message in the status bar. */
export function status(message, { error = false, sticky = false } = {}) {
  const bar = document.getElementById('status');
  clearTimeout(statusTimer);
  bar.className = error ? 'status error' : 'status';
  bar.textContent = message || '';
  if (message && !sticky) statusTimer = setTimeout(() => { bar.textContent = ''; }, 6000);
}

/** A labelled form control; `error` slots receive server field errors by name. */
export function field(label, control, name) {
  const id = control.id || `f-${name || Math.random().toString(36).slice(2)}`;
  control.id = id;
  if (name) control.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name || '' });
  control.setAttribute('aria-describedby', error.id);
  return h('div', {}, h('label', { for: id }, label), control, error);
}

/** Shows problem+json field errors next to their controls (`errors` keys are field paths). */
export function showFieldErrors(form, problem) {
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  const errors = problem?.errors || {};
  let unmatched = [];
  for (const [path, message] of Object.entries(errors)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(path.split(/[.[]/)[0])}"]`);
    if (slot) slot.textContent = `${path}: ${message}`;
    else unmatched.push(`${path}: ${message}`);
  }
  if (unmatched.length || !Object.keys(errors).length) status(problem?.detail || unmatched.join('; ') || 'Request failed', { error: true });
}

export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function cellText(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
