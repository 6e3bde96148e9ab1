import { apiGetAll, apiSend } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { dateTime, label } from './format.js';
import { clearErrors, showErrors } from './form-errors.js';

/**
 * The moves a person may make from each status, as the API's workflow allows them (docs/api.md,
 * "Actions", Workflow): the browser cannot import the domain's table, so it is mirrored here; a
 * move the API refuses still answers with its own message.
 */
const NEXT = {
  open: ['in_progress', 'wont_fix'],
  in_progress: ['implemented', 'wont_fix'],
  implemented: ['verified', 'in_progress', 'wont_fix'],
  verified: ['in_progress'],
  wont_fix: [],
};

const VERB = {
  in_progress: (from) => (from === 'open' ? 'Start work' : from === 'verified' ? 'Reopen' : 'Roll back'),
  implemented: () => 'Mark implemented',
  verified: () => 'Verify by hand',
  wont_fix: () => "Won't fix",
};

/** With success metrics only the scorer verifies (docs/scoring.md, "Verification"). */
export function movesFor(action) {
  return NEXT[action.status].filter((to) => to !== 'verified' || action.metrics.length === 0);
}

/** What a move needs beyond the status: a past implementedAt, a verification note, a reason not to fix. */
function extraFields(to) {
  if (to === 'wont_fix')
    return h(
      'div',
      { class: 'field form-field' },
      h('label', { for: 'move-reason' }, "Why won't it be fixed?"),
      h('textarea', { id: 'move-reason', name: 'reason', rows: 3, required: true, maxlength: 1000 }),
    );
  if (to === 'implemented')
    return h(
      'div',
      { class: 'field form-field' },
      h('label', { for: 'move-implementedAt' }, 'Implemented at (UTC, optional; default now)'),
      h('input', { id: 'move-implementedAt', name: 'implementedAt', type: 'datetime-local' }),
    );
  if (to === 'verified')
    return h(
      'div',
      { class: 'field form-field' },
      h('label', { for: 'move-verificationNote' }, 'How was the fix checked?'),
      h('textarea', { id: 'move-verificationNote', name: 'verificationNote', rows: 3, required: true }),
    );
  return null;
}

function moveBody(form, to) {
  const body = { status: to };
  const at = form.elements.implementedAt?.value;
  if (at) body.implementedAt = `${at.length === 16 ? `${at}:00` : at}.000Z`;
  const note = form.elements.verificationNote?.value.trim();
  if (note !== undefined) body.verificationNote = note;
  const reason = form.elements.reason?.value.trim();
  if (reason !== undefined) body.reason = reason;
  return body;
}

/** The workflow buttons; a move that needs more asks for it in a small form first. */
export function workflowControls(action, onMoved) {
  const panel = h('div', { id: 'move-panel' });
  const ask = (to) => {
    const form = h(
      'form',
      {
        id: 'move-form',
        class: 'action-form',
        'data-to': to,
        'aria-label': `${VERB[to](action.status)}: confirm`,
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          clearErrors(form);
          // The API takes a reason as optional; the dashboard asks for one (docs/reporting.md, "Dashboard").
          if (to === 'wont_fix' && !form.elements.reason.value.trim())
            return showErrors(form, new Error('reason: say why this action will not be fixed'));
          try {
            onMoved(await apiSend('PATCH', `/api/v1/actions/${action.id}`, moveBody(form, to)));
          } catch (err) {
            showErrors(form, err);
          }
        },
      },
      to === 'wont_fix' ? h('p', null, 'Close this action without a fix? It cannot be reopened.') : null,
      extraFields(to),
      h(
        'div',
        { class: 'form-buttons' },
        h('button', { type: 'submit', class: 'button' }, `Confirm: ${label(to)}`),
        h('button', { type: 'button', class: 'button secondary', onclick: () => replaceChildren(panel) }, 'Cancel'),
      ),
    );
    replaceChildren(panel, form);
    (form.querySelector('input, textarea') ?? form.querySelector('button'))?.focus();
  };
  const moves = movesFor(action);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'workflow-title', id: 'workflow' },
    h('h2', { id: 'workflow-title' }, 'Workflow'),
    moves.length
      ? h(
          'div',
          { class: 'form-buttons' },
          moves.map((to) =>
            h(
              'button',
              { type: 'button', class: 'button secondary', 'data-move': to, onclick: () => ask(to) },
              VERB[to](action.status),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No move left: the action is closed.'),
    action.metrics.length && action.status === 'implemented'
      ? h('p', { class: 'muted' }, 'Its success metrics verify it: the scorer sets verified.')
      : null,
    panel,
  );
}

function change(field, { from, to }) {
  const text = (v) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));
  return h('li', { 'data-field': field }, h('code', null, field), `: ${text(from)} → ${text(to)}`);
}

/** An action's audit events (GET /api/v1/actions/:id/events), oldest first. */
export const actionEvents = (actionId) => apiGetAll(`/api/v1/actions/${actionId}/events`);

/**
 * Why a wont_fix action is not fixed: the reason its latest move (or correction) recorded in the
 * audit trail (docs/api.md, "Actions"); null for any other status or when none was given.
 */
export function wontFixReason(action, events) {
  if (action.status !== 'wont_fix') return null;
  const latest = events.findLast((e) => typeof e.changes?.reason?.to === 'string');
  return latest ? latest.changes.reason.to : null;
}

/** The audit trail, oldest first: when, who, what changed. */
export function auditTrail(events) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'audit-title' },
    h('h2', { id: 'audit-title' }, 'Audit trail'),
    h(
      'ol',
      { class: 'audit', id: 'audit-trail' },
      events.map((e) =>
        h(
          'li',
          { 'data-type': e.type },
          h('time', { datetime: e.at }, dateTime(e.at, 'UTC')),
          ' ',
          h('span', { class: 'actor' }, e.actor),
          ' ',
          h('span', { class: 'event-type' }, label(e.type)),
          h(
            'ul',
            { class: 'changes' },
            Object.entries(e.changes ?? {})
              .filter(([field]) => field !== 'metricId')
              .map(([field, c]) => (c && typeof c === 'object' && 'to' in c ? change(field, c) : null)),
          ),
        ),
      ),
    ),
  );
}
