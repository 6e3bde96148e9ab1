import { keyStore } from './api-client.js';
import { h, replaceChildren } from './dom.js';

/** Asks for an API key once; it is kept in this tab's sessionStorage until "Sign out". */
export function showKeyPrompt(root, message, onKey) {
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
      onsubmit: (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        keyStore.set(key);
        onKey();
      },
    },
    h('h1', null, 'Sign in'),
    h('p', null, 'Enter an API key with the viewer role. It is kept in this browser tab only.'),
    message ? h('p', { class: 'error', role: 'alert', id: 'key-error' }, message) : null,
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Open dashboard'),
  );
  replaceChildren(root, form);
  input.focus();
}
