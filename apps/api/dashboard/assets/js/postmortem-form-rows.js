import { h } from './dom.js';
import { select } from './form-fields.js';

/**
 * The timeline's and the contributing factors' editable rows. Each row's inputs carry a visible
 * label with the row's number ("Time of event 2") and `data-field` with its API path
 * (`timeline.1.at`), so a refusal naming that path is shown under that input; the numbers follow
 * the rows when one is removed.
 */

const FACTOR_KINDS = [
  ['trigger', 'Trigger'],
  ['latent', 'Latent condition'],
];
const CATEGORIES = [
  ['technology', 'Technology'],
  ['process', 'Process'],
  ['people', 'People'],
];

/** A labelled control with the place its error is shown; `labelText(n)` is the label for row n. */
function control(field, labelText, input) {
  input.dataset.field = field;
  input.dataset.label = labelText;
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'field-label' }, ''),
    input,
    h('span', { class: 'field-error' }),
  );
}

/** `2026-11-02T14:05:00.000Z` → `2026-11-02T14:05` (a datetime-local value, read as UTC). */
export const toLocalInput = (iso) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');

/** A datetime-local value, read as UTC; empty stays empty (the API names it). */
export const fromLocalInput = (value) => (value ? `${value.length === 16 ? `${value}:00` : value}Z` : '');

const ROW_KINDS = {
  timeline: {
    noun: 'event',
    empty: { at: '', text: '' },
    inputs: (entry) => [
      control('at', 'Time of event {n} (UTC)', h('input', { type: 'datetime-local', value: toLocalInput(entry.at) })),
      control('text', 'What happened at event {n}', h('input', { type: 'text', value: entry.text, maxlength: 2000 })),
    ],
    read: (row) => ({ at: fromLocalInput(valueOf(row, 'at')), text: valueOf(row, 'text') }),
  },
  contributingFactors: {
    noun: 'factor',
    empty: { kind: 'trigger', category: 'technology', text: '' },
    inputs: (factor) => [
      control('kind', 'Kind of factor {n}', select(FACTOR_KINDS, factor.kind)),
      control('category', 'Category of factor {n}', select(CATEGORIES, factor.category)),
      control('text', 'Factor {n}', h('input', { type: 'text', value: factor.text, maxlength: 2000 })),
    ],
    read: (row) => ({ kind: valueOf(row, 'kind'), category: valueOf(row, 'category'), text: valueOf(row, 'text') }),
  },
};

const valueOf = (row, name) => row.querySelector(`[data-name="${name}"]`).value;

/** Gives each row's labels, ids and field paths its current position. */
function renumber(list, name) {
  const { noun } = ROW_KINDS[name];
  [...list.children].forEach((row, i) => {
    const n = i + 1;
    for (const input of row.querySelectorAll('[data-field]')) {
      const part = input.dataset.name;
      input.dataset.field = `${name}.${i}.${part}`;
      input.id = `${name}-${i}-${part}`;
      const wrap = input.closest('.field');
      const label = wrap.querySelector('.field-label');
      label.setAttribute('for', input.id);
      label.textContent = input.dataset.label.replace('{n}', String(n));
      const error = wrap.querySelector('.field-error');
      error.id = `${input.id}-error`;
      input.setAttribute('aria-describedby', error.id);
    }
    row.querySelector('.remove-row').setAttribute('aria-label', `Remove ${noun} ${n}`);
  });
}

function makeRow(list, name, value, focusAfterRemove) {
  const spec = ROW_KINDS[name];
  const inputs = spec.inputs(value);
  for (const wrap of inputs) {
    const input = wrap.querySelector('[data-field]');
    input.dataset.name = input.dataset.field;
  }
  const row = h(
    'li',
    { class: `edit-row ${name}-row` },
    inputs,
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary remove-row',
        onclick: () => {
          row.remove();
          renumber(list, name);
          focusAfterRemove();
        },
      },
      'Remove',
    ),
  );
  return row;
}

/**
 * An editable list of rows with an "Add" button; `read()` gives the values in order.
 * `name` is the API field (`timeline` or `contributingFactors`).
 */
export function rowList(name, values) {
  const spec = ROW_KINDS[name];
  const list = h('ol', { class: 'edit-rows', id: `${name}-rows` });
  const add = h('button', { type: 'button', class: 'button secondary', id: `add-${name}` }, `Add ${spec.noun}`);
  const focusAdd = () => add.focus();
  const append = (value) => {
    const row = makeRow(list, name, value, focusAdd);
    list.append(row);
    renumber(list, name);
    return row;
  };
  add.addEventListener('click', () =>
    append({ ...spec.empty })
      .querySelector('input, select')
      .focus(),
  );
  for (const value of values) append(value);
  return {
    element: h('div', { class: 'row-list' }, list, add),
    read: () => [...list.children].map((row) => spec.read(row)),
  };
}
