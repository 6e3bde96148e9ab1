import { ApiError } from './api-client.js';
import { h } from './dom.js';

/** The API's own words, without the `path: status` prefix api-client.js adds. */
export function apiMessage(err) {
  if (!(err instanceof ApiError)) return String(err?.message ?? err);
  return err.message.replace(/^\S+: \d{3} /, '');
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
 * Shows a refused write where it belongs: the API's messages start with the field they are about
 * (docs/api.md, "Errors"), so each goes under that field; the rest at the form's top.
 */
export function showErrors(form, err) {
  clearErrors(form);
  const general = [];
  for (const message of apiMessage(err).split('; ')) {
    const field = /^([A-Za-z]+)/.exec(message)?.[1];
    const input = field ? form.querySelector(`[name="${field}"]`) : null;
    if (!input) {
      general.push(message);
      continue;
    }
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.closest('.field').append(h('p', { class: 'error field-error', id, role: 'alert' }, message));
  }
  if (general.length) form.prepend(h('p', { class: 'error form-error', role: 'alert' }, general.join('; ')));
  (form.querySelector('[aria-invalid]') ?? form.querySelector('.form-error'))?.focus?.();
}
