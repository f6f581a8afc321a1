// Screen: sign in by pasting an API key. The key is checked with one API call, then kept for this tab only.
import { checkKey, session } from './api.js';
import { go, h, heading, replace } from './dom.js';

export function render(view) {
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'api-key-hint',
  });
  const messages = h('div', { class: 'messages' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'api-key' }, 'API key'),
      input,
      h('p', { id: 'api-key-hint', class: 'hint' },
        'A key of your workspace, like key_… . It is kept in this browser tab only, until you sign out or close the tab.')),
    messages,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      replace(messages, h('p', { class: 'error', role: 'alert' }, 'Paste your API key first.'));
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await checkKey(key);
      session.signIn(key);
      // Back to where the user was going, if the sign-in screen stood in for another one.
      go(location.hash && location.hash !== '#/sign-in' ? location.hash : '#/agents');
    } catch (error) {
      const text = error.kind === 'unauthorized'
        ? 'That API key was not accepted. Check that you pasted the whole key (it starts with key_) and that it has not been revoked.'
        : error.message;
      replace(messages, h('p', { class: 'error', role: 'alert' }, text));
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  replace(view.main, heading('Sign in'), form);
  view.focus = input;
}
