// The dashboard's entry point: routes by location.hash to one screen module each, and keeps the header's
// "Sign out" in step with the session. Every screen exports render(view, ...ids).
import { session } from './api.js';
import { errorMessage, go, h } from './dom.js';
import * as signIn from './sign-in.js';
import * as agents from './agents.js';
import * as webhooks from './webhooks.js';
import * as form from './form.js';
import * as webhook from './webhook.js';
import * as deliveries from './deliveries.js';
import * as delivery from './delivery.js';

const ID = '([^/?]+)';
const routes = [
  [new RegExp('^#/agents$'), agents.render],
  [new RegExp(`^#/agents/${ID}$`), (view, agentId) => webhooks.render(view, agentId, 'general')],
  [new RegExp(`^#/agents/${ID}/webhooks$`), (view, agentId) => webhooks.render(view, agentId, 'webhooks')],
  [new RegExp(`^#/agents/${ID}/webhooks/new$`), form.renderNew],
  [new RegExp(`^#/webhooks/${ID}$`), webhook.render],
  [new RegExp(`^#/webhooks/${ID}/edit$`), form.renderEdit],
  [new RegExp(`^#/webhooks/${ID}/deliveries(?:\\?status=(\\w*))?$`), deliveries.render],
  [new RegExp(`^#/deliveries/${ID}$`), delivery.render],
];

const main = document.getElementById('main');
const signOutButton = document.getElementById('sign-out');
let current = null; // the AbortController of the screen on show: aborting it stops its timers

function show() {
  current?.abort();
  current = new AbortController();
  const signedIn = Boolean(session.key());
  signOutButton.hidden = !signedIn;
  const hash = location.hash || '#/agents';
  const view = {
    main: document.createElement('div'),
    signal: current.signal,
    /** Shows this route again, e.g. after "Try again". */
    retry: () => show(),
  };
  main.replaceChildren(view.main);
  const [render, ids] = signedIn && hash !== '#/sign-in' ? route(hash) : [signIn.render, []];
  const signal = current.signal;
  Promise.resolve()
    .then(() => render(view, ...ids))
    .catch((failure) => { // a screen's own bug: still a message and a way on, never a blank page
      view.main.replaceChildren(h('h1', { tabindex: '-1' }, 'Something went wrong'),
        errorMessage({ kind: 'other', message: `This screen could not be shown: ${failure.message}` }, view.retry));
    })
    .finally(() => {
      if (signal.aborted) {
        return;
      }
      const title = view.main.querySelector('h1');
      document.title = title ? `${title.textContent} · Agent webhooks` : 'Agent webhooks';
      const target = view.focus || title;
      if (target && !view.main.contains(document.activeElement)) {
        target.focus();
      }
    });
}

/** The screen for a hash and the ids in it; an unknown hash shows the agents. */
function route(hash) {
  for (const [pattern, screen] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      try {
        return [screen, match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part)))];
      } catch {
        break; // a malformed %-escape names nothing
      }
    }
  }
  return [agents.render, []];
}

signOutButton.addEventListener('click', () => {
  session.signOut();
  go('#/sign-in');
});

window.addEventListener('hashchange', show);
show();
