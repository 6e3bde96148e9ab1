import { apiSend } from './api-client.js';
import { h } from './dom.js';
import { clearErrors, showErrors } from './form-errors.js';

/** The roles a key may have, as docs/api.md ("Authentication and roles") lists them. */
const ROLES = [
  ['viewer', 'viewer: reads everything'],
  ['editor', 'editor: also writes post-mortems, actions, metrics'],
  ['admin', 'admin: everything, API keys included'],
  ['ingest', 'ingest: pushes OTLP metrics only'],
  ['scorer', 'scorer: runs scoring and digests only'],
];

/** A labelled control; `name` is the API's field, so a 400 naming it shows under it. */
function field(name, text, control) {
  control.id = `key-${name}`;
  control.name = name;
  return h('div', { class: 'field form-field' }, h('label', { for: control.id }, text), control);
}

/** POST /api/v1/keys; the answer, secret included, goes to `onIssued` to be drawn once. */
export function issueKeyForm(onIssued) {
  const form = h(
    'form',
    {
      id: 'issue-key-form',
      class: 'action-form issue-key',
      'aria-labelledby': 'issue-key-title',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        clearErrors(form);
        try {
          // The name as typed: the API says when it starts or ends with a space.
          const issued = await apiSend('POST', '/api/v1/keys', {
            name: form.elements.name.value,
            role: form.elements.role.value,
          });
          await onIssued(issued);
        } catch (err) {
          showErrors(form, err);
          button.disabled = false;
        }
      },
    },
    h('h3', { id: 'issue-key-title' }, 'Issue a key'),
    field('name', 'Name (who or what uses it)', h('input', { type: 'text', maxlength: 100, autocomplete: 'off' })),
    field(
      'role',
      'Role',
      h(
        'select',
        null,
        ROLES.map(([value, text]) => h('option', { value }, text)),
      ),
    ),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'button' }, 'Issue key')),
  );
  return form;
}

/** Copies the secret; the outcome is announced in the live region next to the button. */
async function copy(input, status) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = 'Copied';
  } catch {
    input.select();
    status.textContent = 'Could not copy: the key is selected, copy it with Ctrl+C.';
  }
}

/** The key just issued: its secret, read-only, shown this once (the API keeps only its hash). */
export function issuedKeyPanel(issued) {
  const input = h('input', {
    id: 'issued-secret',
    type: 'text',
    readonly: true,
    value: issued.key,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const status = h('p', { id: 'copy-status', role: 'status', 'aria-live': 'polite' });
  return h(
    'div',
    { id: 'issued-key', class: 'issued-key' },
    h('h3', null, `New ${issued.role} key “${issued.name}”`),
    h(
      'div',
      { class: 'field form-field' },
      h('label', { for: 'issued-secret' }, 'The key'),
      h(
        'div',
        { class: 'secret-row' },
        input,
        h('button', { type: 'button', id: 'copy-key', class: 'button', onclick: () => copy(input, status) }, 'Copy'),
      ),
    ),
    status,
    h(
      'p',
      { class: 'caution', id: 'shown-once' },
      'Copy it now: it will not be shown again. Only its hash is stored; a lost key is revoked and replaced.',
    ),
  );
}
