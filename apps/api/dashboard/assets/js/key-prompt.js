import { keyStore, KeyRejected } from './api-client.js';
import { h, replaceChildren } from './dom.js';

/**
 * Asks for an API key once; it is kept in this tab's sessionStorage until "Sign out". When the
 * service has an OpenID Connect provider (`signIn`), people may sign in there instead.
 */
export function showKeyPrompt(root, message, onKey, checkKey, signIn = false) {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'rt_…',
  });
  const form = h(
    'form',
    {
      id: 'key-form',
      class: 'card key-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        // One request tries the key, so a wrong one is refused once rather than by every panel.
        try {
          await checkKey(key);
        } catch (err) {
          const why = err instanceof KeyRejected ? err.message : `The key could not be checked: ${err.message}`;
          return showKeyPrompt(root, why, onKey, checkKey, signIn);
        }
        keyStore.set(key);
        onKey();
      },
    },
    h('h1', null, 'Sign in'),
    signIn
      ? h(
          'p',
          { class: 'sso' },
          h('a', { href: '/auth/login', id: 'sso-sign-in', class: 'primary' }, 'Sign in with your organisation'),
          ' or use an API key:',
        )
      : null,
    h('p', null, 'Enter an API key with the viewer role. It is kept in this browser tab only.'),
    message ? h('p', { class: 'error', role: 'alert', id: 'key-error' }, message) : null,
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Open dashboard'),
  );
  replaceChildren(root, form);
  input.focus();
}
