import { apiSend } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';
import { clearErrors, showErrors } from './form-errors.js';

const when = (value) => (value ? dateTime(value, 'UTC') : '—');

/**
 * The inline confirmation of a revoke (no window.confirm: it is keyboard-trapping and untestable);
 * revoking the key this dashboard signed in with is allowed by the API, so it says so first.
 */
function confirmRevoke(panel, key, own, onRevoked) {
  const form = h(
    'form',
    {
      id: 'revoke-form',
      class: 'action-form',
      'data-key': key.id,
      'aria-label': `Revoke ${key.name}: confirm`,
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clearErrors(form);
        try {
          await apiSend('DELETE', `/api/v1/keys/${key.id}`);
        } catch (err) {
          return showErrors(form, err);
        }
        // Without its key the dashboard cannot draw anything: the next render asks for another.
        if (own) return window.dispatchEvent(new HashChangeEvent('hashchange'));
        await onRevoked();
      },
    },
    h('p', null, `Revoke “${key.name}” (${key.prefix}…)? Every request with it is refused from now on.`),
    own
      ? h(
          'p',
          { class: 'caution', id: 'revoke-own-warning' },
          'This is the key you are signed in with: revoking it signs you out of the dashboard.',
        )
      : null,
    h(
      'div',
      { class: 'form-buttons' },
      h('button', { type: 'submit', class: 'button' }, `Confirm: revoke ${key.name}`),
      h('button', { type: 'button', class: 'button secondary', onclick: () => replaceChildren(panel) }, 'Cancel'),
    ),
  );
  replaceChildren(panel, form);
  form.querySelector('button').focus();
}

function status(key, own) {
  if (key.revokedAt) return `revoked ${when(key.revokedAt)}`;
  return own ? 'active (yours)' : 'active';
}

/** GET /api/v1/keys as a table, revoked keys included; each active key has a Revoke button. */
export function keyTable(keys, ownKeyId, onRevoked) {
  const panel = h('div', { id: 'revoke-panel' });
  const row = (key) => {
    const own = key.id === ownKeyId;
    return h(
      'tr',
      { 'data-key': key.id, 'data-name': key.name, 'data-revoked': key.revokedAt ? 'true' : 'false' },
      h('th', { scope: 'row' }, key.name),
      h('td', null, key.role),
      h('td', null, h('code', null, `${key.prefix}…`)),
      h('td', null, when(key.createdAt)),
      h('td', null, when(key.lastUsedAt)),
      h('td', { class: 'key-status' }, status(key, own)),
      h(
        'td',
        null,
        key.revokedAt
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'button secondary small',
                'aria-label': `Revoke ${key.name}`,
                onclick: () => confirmRevoke(panel, key, own, onRevoked),
              },
              'Revoke',
            ),
      ),
    );
  };
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'keys-title' },
      h(
        'table',
        { class: 'data text-table', id: 'key-list' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Name', 'Role', 'Prefix', 'Created (UTC)', 'Last used (UTC)', 'Status'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Revoke')),
          ),
        ),
        h('tbody', null, keys.map(row)),
      ),
    ),
    panel,
  );
}
