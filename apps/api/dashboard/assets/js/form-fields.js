import { h } from './dom.js';
import { clearErrors, showErrors } from './form-errors.js';

/** A labelled control; `name` is the API's field name, so a refusal naming it lands here. */
export function field(prefix, name, text, control, hint) {
  const id = `${prefix}-${name}`;
  control.id = id;
  control.name = name;
  return h(
    'div',
    { class: 'field form-field' },
    h('label', { for: id }, text),
    control,
    hint ? h('p', { class: 'muted hint' }, hint) : null,
  );
}

export const input = (value, attrs = {}) => h('input', { type: 'text', value: value ?? '', ...attrs });

/** A select of `[value, text]` pairs (or plain values), `value` chosen. */
export const select = (options, value) =>
  h(
    'select',
    null,
    options.map((o) => {
      const [v, t] = Array.isArray(o) ? o : [o, o];
      return h('option', { value: v, selected: v === value }, t);
    }),
  );

/** Runs a write with the submit button disabled; a refusal is shown under the fields it names. */
export async function submitting(form, work) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    clearErrors(form);
    await work();
  } catch (err) {
    showErrors(form, err);
  } finally {
    button.disabled = false;
  }
}
