// Screen: the workspace's agents, each a link to its Agent Settings.
import { listAgents } from './api.js';
import { errorMessage, h, heading, replace, takeNotice } from './dom.js';

export async function render(view) {
  const notice = takeNotice();
  replace(view.main, heading('Agents'), notice, h('p', { class: 'muted' }, 'Loading agents…'));
  try {
    const { data } = await listAgents();
    const list = data.length === 0
      ? h('p', {}, 'This workspace has no agents yet.')
      : h('ul', { class: 'link-list' }, data.map((agent) =>
        h('li', {}, h('a', { href: `#/agents/${encodeURIComponent(agent.agentId)}` },
          h('span', { class: 'name' }, agent.name), ' ', h('code', {}, agent.agentId)))));
    replace(view.main, heading('Agents'), notice,
      h('p', {}, 'Open an agent to see its Agent Settings and webhooks.'), list);
  } catch (error) {
    replace(view.main, heading('Agents'), errorMessage(error, view.retry));
  }
}
