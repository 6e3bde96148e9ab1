import { apiSend } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { showErrors } from './form-errors.js';
import { metricForm } from './metric-form.js';

/** Shows the metric form in `card` under a heading, and focuses its first field. */
async function openForm(card, title, options) {
  const { form, focus } = await metricForm(options);
  replaceChildren(card, h('h2', { id: 'metric-form-title' }, title), form);
  focus();
}

/** "Add success metric" for a writer, under the action's metrics; none once the action is closed. */
export function addMetricControl(action, onSaved) {
  if (['verified', 'wont_fix'].includes(action.status)) return null;
  const card = h('section', { class: 'card', id: 'metric-form-card' });
  const reset = () => replaceChildren(card, button());
  const button = () =>
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        id: 'add-metric',
        onclick: () => openForm(card, 'Add success metric', { action, onSaved, onCancel: reset }),
      },
      'Add success metric',
    );
  reset();
  return card;
}

/**
 * "Edit" and "Remove" on a metric's section. Edit puts the form in place of the section; Remove
 * asks first.
 */
export function metricWriteControls(action, metric, section, onSaved, redraw) {
  const bar = h('div', { class: 'form-buttons metric-controls' });
  const idle = () =>
    replaceChildren(
      bar,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          'data-edit-metric': metric.id,
          'aria-label': `Edit ${metric.name}`,
          onclick: () =>
            openForm(section, `Edit success metric: ${metric.name}`, { action, metric, onSaved, onCancel: redraw }),
        },
        'Edit',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          'data-remove-metric': metric.id,
          'aria-label': `Remove ${metric.name}`,
          onclick: confirm,
        },
        'Remove',
      ),
    );
  const confirm = () => {
    const form = h(
      'form',
      {
        class: 'remove-metric',
        'aria-label': `Remove ${metric.name}: confirm`,
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await apiSend('DELETE', `/api/v1/actions/${action.id}/metrics/${metric.id}`);
            await onSaved();
          } catch (err) {
            showErrors(form, err);
          }
        },
      },
      h(
        'p',
        null,
        `Remove the success metric "${metric.name}"? Its checks stop, and the removal is recorded in the audit trail.`,
      ),
      h(
        'div',
        { class: 'form-buttons' },
        h('button', { type: 'submit', class: 'button', id: `confirm-remove-${metric.id}` }, 'Remove metric'),
        h('button', { type: 'button', class: 'button secondary', onclick: idle }, 'Cancel'),
      ),
    );
    replaceChildren(bar, form);
    form.querySelector('button').focus();
  };
  idle();
  return bar;
}
