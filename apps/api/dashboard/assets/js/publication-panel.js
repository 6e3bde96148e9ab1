import { ApiError, apiGet, apiSend, apiSendForText } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';
import { field } from './form-fields.js';
import { clearErrors, showErrors } from './form-errors.js';

const at = (value) => h('time', { datetime: value }, `${dateTime(value, 'UTC')} UTC`);

/** The post-mortem's publication, or null when it has none (the API answers 404: never, or withdrawn). */
export async function loadPublication(postmortemId) {
  try {
    return await apiGet(`/api/v1/postmortems/${postmortemId}/publication`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/**
 * Copies the public link; without the clipboard API (plain HTTP, or refused) the link is shown
 * selected in a read-only input for the person to copy.
 */
async function copyLink(url, input, status) {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    status.textContent = 'Copied';
  } catch {
    input.hidden = false;
    input.focus();
    input.select();
    status.textContent = 'Could not copy: the link is selected, copy it with Ctrl+C.';
  }
}

/** Published or not, with the public link: for every role. */
function state(publication) {
  if (!publication) return h('p', { id: 'publication-status' }, 'Not published');
  const updated = publication.updatedAt !== publication.publishedAt;
  const input = h('input', {
    type: 'text',
    id: 'publication-url-text',
    readonly: true,
    value: publication.url,
    'aria-label': 'Public link',
    spellcheck: 'false',
    hidden: true,
  });
  const status = h('p', { id: 'publication-copy-status', role: 'status', 'aria-live': 'polite' });
  return h(
    'div',
    { class: 'publication-state' },
    h(
      'p',
      { id: 'publication-status' },
      'Published ',
      at(publication.publishedAt),
      updated ? [', updated ', at(publication.updatedAt)] : null,
    ),
    h(
      'p',
      { class: 'publication-link' },
      h('a', { href: publication.url, id: 'publication-link', rel: 'noopener', target: '_blank' }, publication.url),
    ),
    h(
      'div',
      { class: 'secret-row' },
      input,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary small',
          id: 'copy-publication-link',
          onclick: () => copyLink(publication.url, input, status),
        },
        'Copy link',
      ),
    ),
    status,
  );
}

const checkbox = (name, text, checked) => {
  const id = `publication-${name}`;
  return h(
    'p',
    { class: 'checkbox field' },
    h('input', { type: 'checkbox', id, name, checked }),
    h('label', { for: id }, text),
  );
};

/**
 * The withdraw confirmation, inline as the key revocation's is (no window.confirm): the public link
 * stops working at once, so the second button says what it does.
 */
function confirmWithdraw(panel, postmortemId, announce, onWithdrawn) {
  const form = h(
    'form',
    {
      id: 'withdraw-form',
      class: 'action-form',
      'aria-label': 'Withdraw the public summary: confirm',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clearErrors(form);
        try {
          await apiSend('DELETE', `/api/v1/postmortems/${postmortemId}/publication`);
        } catch (err) {
          return showErrors(form, err);
        }
        await onWithdrawn();
        announce('Withdrawn: the public link now answers that the page is gone.');
      },
    },
    h('p', null, 'Withdraw the public summary? Anyone opening its link is told the page is gone.'),
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'submit', class: 'button', id: 'confirm-withdraw' }, 'Confirm: withdraw'),
      h('button', { type: 'button', class: 'button secondary', onclick: () => replaceChildren(panel) }, 'Cancel'),
    ),
  );
  replaceChildren(panel, form);
  form.querySelector('button').focus();
}

/** What the form describes, as the publication routes take it. */
function readBody(form) {
  const el = (name) => form.elements.namedItem(name);
  return {
    summary: el('summary').value,
    includeTimeline: el('includeTimeline').checked,
    includeActions: el('includeActions').checked,
  };
}

/**
 * The editor's form: the public summary and what else the page shows, a preview of the page exactly
 * as it will be served, and publish, update or withdraw.
 */
function publicationForm(postmortemId, publication, preview, announce, refresh) {
  const base = `/api/v1/postmortems/${postmortemId}/publication`;
  const withdrawPanel = h('div', { id: 'withdraw-panel' });
  const busy = (on) => {
    for (const b of form.querySelectorAll('.form-buttons button')) b.disabled = on;
  };
  const run = async (work) => {
    busy(true);
    clearErrors(form);
    try {
      await work();
    } catch (err) {
      showErrors(form, err);
    } finally {
      busy(false);
    }
  };
  const showPreview = () =>
    run(async () => {
      const html = await apiSendForText('POST', `${base}/preview`, readBody(form));
      // An empty sandbox: the page runs no script and gets an opaque origin, whatever its text holds.
      replaceChildren(
        preview,
        h('figcaption', { id: 'publication-preview-caption' }, 'This is exactly what the public will see'),
        h('iframe', {
          id: 'publication-preview-frame',
          sandbox: '',
          srcdoc: html,
          title: 'Preview of the public page',
        }),
      );
      preview.hidden = false;
    });
  const form = h(
    'form',
    {
      id: 'publication-form',
      class: 'action-form publication-form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        run(async () => {
          await apiSend(publication ? 'PUT' : 'POST', base, readBody(form));
          await refresh();
          announce(publication ? 'Updated.' : 'Published.');
        });
      },
    },
    field(
      'publication',
      'summary',
      'Public summary',
      h('textarea', { rows: 8 }, publication?.summary ?? ''),
      'Markdown. Written for readers outside the company: no names, no internal links.',
    ),
    checkbox('includeTimeline', 'Include the timeline', publication?.includeTimeline ?? true),
    checkbox(
      'includeActions',
      'Include corrective actions and their measured outcomes',
      publication?.includeActions ?? true,
    ),
    h(
      'div',
      { class: 'form-buttons' },
      h(
        'button',
        { type: 'button', class: 'button secondary', id: 'publication-preview', onclick: showPreview },
        'Preview',
      ),
      h('button', { type: 'submit', class: 'button', id: 'publication-save' }, publication ? 'Update' : 'Publish'),
      publication
        ? h(
            'button',
            {
              type: 'button',
              class: 'button secondary',
              id: 'publication-withdraw',
              onclick: () => confirmWithdraw(withdrawPanel, postmortemId, announce, refresh),
            },
            'Withdraw',
          )
        : null,
    ),
  );
  // Beside the form, not in it: the confirmation is a form of its own, and forms do not nest.
  return h('div', { class: 'publication-editor' }, form, withdrawPanel);
}

/**
 * The "Public summary" card of a post-mortem's page: its state for everyone, the form for those who
 * may write. A write redraws the card from the API's answer, so what it shows is what is served.
 */
export function publicationSection(postmortemId, publication, writer) {
  const body = h('div', { id: 'publication-body' });
  // Outside the redrawn part, so the outcome of a write is announced once the card is redrawn.
  const announcer = h('p', { class: 'muted', id: 'publication-announce', role: 'status', 'aria-live': 'polite' });
  const announce = (text) => (announcer.textContent = text);
  const preview = h('figure', { class: 'publication-preview', id: 'publication-preview-box', hidden: true });
  const draw = (current) =>
    replaceChildren(
      body,
      state(current),
      writer ? publicationForm(postmortemId, current, preview, announce, refresh) : null,
    );
  const refresh = async () => draw(await loadPublication(postmortemId));
  draw(publication);
  return h(
    'section',
    { class: 'card', id: 'publication', 'aria-labelledby': 'publication-title' },
    h('h2', { id: 'publication-title' }, 'Public summary'),
    body,
    announcer,
    writer ? preview : null,
  );
}
