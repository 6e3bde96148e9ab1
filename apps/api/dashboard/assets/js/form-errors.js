import { ApiError } from './api-client.js';
import { h } from './dom.js';

/**
 * The API's own message without the path and status the client prefixes (`/api/…: 400 `), split
 * into its parts (several validation failures arrive joined by "; ").
 */
export function apiMessages(err) {
  const text = err instanceof ApiError ? err.message.replace(/^\/\S*: \d{3} /, '') : String(err?.message ?? err);
  return text.split('; ').filter(Boolean);
}

/**
 * The field a message names: its leading path (`timeline.0.at: …`, `resolvedAt must …`), when the
 * form has a field of that name (docs/api.md, "Errors").
 */
export function fieldOf(message, known) {
  const match = /^([A-Za-z]+(?:\.\d+\.[A-Za-z]+)?)(?=[:\s])/.exec(message);
  return match && known(match[1]) ? match[1] : null;
}

/** Removes every error shown by a previous submit. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error, .form-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
}

/**
 * Shows a refused write where it belongs: each message under the input named by the field it
 * starts with, the rest at the form's top; the first one shown gets the focus. A live check while
 * someone types (the metric preview) passes `{ live: true }`: the focus stays where it is, and the
 * messages no field claims are returned for the caller to show, not put at the form's top.
 */
export function showErrors(form, err, { live = false } = {}) {
  clearErrors(form);
  const inputNamed = (name) => form.querySelector(`[name="${name}"]`);
  const general = [];
  for (const message of apiMessages(err)) {
    const field = fieldOf(message, (name) => inputNamed(name) !== null);
    if (!field) {
      general.push(message);
      continue;
    }
    const input = inputNamed(field);
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.closest('.field').append(h('p', { class: 'error field-error', id, role: 'alert' }, message));
  }
  if (live) return general;
  if (general.length) form.prepend(h('p', { class: 'error form-error', role: 'alert' }, general.join('; ')));
  (form.querySelector('[aria-invalid]') ?? form.querySelector('.form-error'))?.focus?.();
  return general;
}
