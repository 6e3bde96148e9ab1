import { apiSend } from './api-client.js';
import { h } from './dom.js';
import { apiMessages, fieldOf } from './form-errors.js';
import { fromLocalInput, rowList, toLocalInput } from './postmortem-form-rows.js';

const KINDS = [
  ['incident', 'Incident'],
  ['success', 'Review of a success'],
  ['premortem', 'Pre-mortem'],
];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/**
 * The fields each kind uses (docs/api.md, "Post-mortems"): an incident needs a severity and when it
 * occurred; a success happened but was not an outage to resolve; a pre-mortem imagines a failure
 * that has not happened, so it has no times and no timeline. Hidden fields are not sent.
 */
const USES = {
  incident: new Set(['severity', 'occurredAt', 'resolvedAt', 'timeline']),
  success: new Set(['occurredAt', 'timeline']),
  premortem: new Set([]),
};
const REQUIRED = { incident: new Set(['severity', 'occurredAt']) };

function field(name, text, input, hint) {
  input.id = `pm-${name}`;
  input.name = name;
  input.dataset.field = name;
  const error = h('span', { class: 'field-error', id: `pm-${name}-error` });
  const hintEl = hint ? h('span', { class: 'field-hint', id: `pm-${name}-hint` }, hint) : null;
  input.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h(
    'div',
    { class: 'form-field', 'data-for': name },
    h('label', { for: input.id, class: 'field-label' }, text),
    hintEl,
    input,
    error,
  );
}

const selectOf = (options, value) =>
  h(
    'select',
    null,
    options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
  );

/** The whole body the form describes, for the kind chosen (hidden fields left out). */
function readBody(form, rows) {
  const v = (name) => form.elements.namedItem(name).value;
  const kind = v('kind');
  const uses = USES[kind];
  const body = {
    kind,
    title: v('title'),
    services: v('services')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    summary: v('summary'),
    contributingFactors: rows.contributingFactors.read(),
  };
  if (uses.has('severity')) body.severity = v('severity') || null;
  if (uses.has('occurredAt')) body.occurredAt = fromLocalInput(v('occurredAt')) || null;
  if (uses.has('resolvedAt')) body.resolvedAt = fromLocalInput(v('resolvedAt')) || null;
  if (uses.has('timeline')) body.timeline = rows.timeline.read();
  return body;
}

/** Shows or hides the fields the kind does not use, and marks the ones it requires. */
function adapt(form) {
  const kind = form.elements.namedItem('kind').value;
  for (const wrap of form.querySelectorAll('[data-for]')) {
    const name = wrap.dataset.for;
    if (name in { severity: 1, occurredAt: 1, resolvedAt: 1, timeline: 1 }) wrap.hidden = !USES[kind].has(name);
    const input = wrap.querySelector(`[name="${name}"]`);
    if (input && REQUIRED.incident.has(name)) {
      const required = REQUIRED[kind]?.has(name) ?? false;
      input.required = required;
      wrap.querySelector('.field-label').textContent = wrap.dataset.text + (required ? ' (required)' : '');
    }
  }
}

function clearErrors(form, top) {
  top.hidden = true;
  top.textContent = '';
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** Each message under the field it names, else at the top; focus goes to the first. */
function showErrors(form, top, messages) {
  const byField = (path) => form.querySelector(`[data-field="${path}"]`);
  let first = null;
  const unplaced = [];
  for (const message of messages) {
    const path = fieldOf(message, (p) => byField(p) !== null);
    const input = path ? byField(path) : null;
    if (!input || input.closest('[hidden]')) {
      unplaced.push(message);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    document.getElementById(input.getAttribute('aria-describedby').split(' ').pop()).textContent = message;
    first ??= input;
  }
  if (unplaced.length) {
    top.hidden = false;
    top.textContent = `Not saved: ${unplaced.join('; ')}`;
  }
  (unplaced.length ? top : first)?.focus();
}

/**
 * The post-mortem form, new (`pm` null) or prefilled. Saving POSTs a new one, or PATCHes only the
 * fields that changed (arrays are replaced whole by a PATCH, so a changed timeline is sent whole).
 * A refused save keeps everything typed and shows the API's message (docs/api.md, "Errors").
 */
export function postmortemForm(pm, onSaved) {
  const initial = pm ?? {
    kind: 'incident',
    title: '',
    services: [],
    summary: '',
    timeline: [],
    contributingFactors: [],
  };
  const rows = {
    timeline: rowList('timeline', initial.timeline),
    contributingFactors: rowList('contributingFactors', initial.contributingFactors),
  };
  const top = h('p', { class: 'error form-alert', id: 'pm-form-alert', role: 'alert', tabindex: '-1', hidden: true });
  const status = h('p', { class: 'muted', role: 'status', id: 'pm-form-status' });
  const submit = h(
    'button',
    { type: 'submit', class: 'button', id: 'pm-save' },
    pm ? 'Save changes' : 'Create post-mortem',
  );
  const labelled = (wrap, text) => ((wrap.dataset.text = text), wrap);
  const kind = selectOf(KINDS, initial.kind);
  const form = h(
    'form',
    { class: 'edit-form', id: 'postmortem-form', novalidate: true, 'aria-describedby': 'pm-form-alert' },
    top,
    field('kind', 'Kind', kind),
    field('title', 'Title', h('input', { type: 'text', value: initial.title, maxlength: 200, required: true })),
    labelled(
      field('severity', 'Severity', selectOf([['', 'None'], ...SEVERITIES.map((s) => [s, s])], initial.severity ?? '')),
      'Severity',
    ),
    field(
      'services',
      'Services',
      h('input', { type: 'text', value: initial.services.join(', '), autocomplete: 'off' }),
      'Comma separated, lowercase (checkout, payments)',
    ),
    h(
      'div',
      { class: 'form-times' },
      labelled(
        field(
          'occurredAt',
          'Occurred (UTC)',
          h('input', { type: 'datetime-local', value: toLocalInput(initial.occurredAt) }),
        ),
        'Occurred (UTC)',
      ),
      field(
        'resolvedAt',
        'Resolved (UTC)',
        h('input', { type: 'datetime-local', value: toLocalInput(initial.resolvedAt) }),
      ),
    ),
    field('summary', 'Summary', h('textarea', { rows: 8 }, initial.summary), 'Markdown'),
    h(
      'fieldset',
      { class: 'form-rows', 'data-for': 'timeline' },
      h('legend', null, 'Timeline (UTC)'),
      rows.timeline.element,
    ),
    h(
      'fieldset',
      { class: 'form-rows', 'data-for': 'contributingFactors' },
      h('legend', null, 'Contributing factors'),
      h('p', { class: 'field-hint' }, 'A trigger set it off; a latent condition let it happen.'),
      rows.contributingFactors.element,
    ),
    h('div', { class: 'form-buttons' }, submit, status),
  );
  kind.addEventListener('change', () => adapt(form));
  adapt(form);
  const before = readBody(form, rows);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, top);
    const body = readBody(form, rows);
    let send = body;
    if (pm) {
      send = {};
      for (const [name, value] of Object.entries(body)) {
        if (JSON.stringify(value) !== JSON.stringify(before[name])) send[name] = value;
      }
      // A kind that stops using a field clears it, so the page does not keep a stale severity.
      for (const name of ['severity', 'occurredAt', 'resolvedAt']) {
        if (!(name in body) && pm[name] !== null) send[name] = null;
      }
    }
    submit.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = pm
        ? Object.keys(send).length
          ? await apiSend('PATCH', `/api/v1/postmortems/${pm.id}`, send)
          : pm
        : await apiSend('POST', '/api/v1/postmortems', send);
      status.textContent = 'Saved.';
      onSaved(saved);
    } catch (err) {
      status.textContent = '';
      showErrors(form, top, apiMessages(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
