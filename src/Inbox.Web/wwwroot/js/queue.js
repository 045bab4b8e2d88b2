// The conversation list on the left: tabs, waiting times, the preview.
import { $, el } from './dom.js';
import { t, tOr, time, duration } from './i18n.js';
import { api } from './api.js';
import { on, emit } from './bus.js';
import { state } from './state.js';
import { teamName } from './teams.js';
import { openConversation } from './conversation.js';

const TABS = {
  queued: 'status=queued',
  mine: 'status=queued,assigned&assignee=me',
  bot: 'status=bot',
  all: 'status=bot,queued,assigned',
};

let queueTimer = null;
export function scheduleQueueReload() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(loadQueue, 250);
}

function selectTab(tab) {
  state.tab = tab;
  for (const b of $('tabs').querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === tab);
}

$('tabs').addEventListener('click', (e) => {
  const tab = e.target.closest('button')?.dataset.tab;
  if (!tab) return;
  selectTab(tab);
  $('queue-error').textContent = '';
  loadQueue();
});

let queueRequest = 0;
/** Loads the current tab's list. Failures are shown above the list, never thrown. */
export async function loadQueue() {
  const tab = state.tab;
  const request = ++queueRequest;
  let page;
  try {
    page = await api('GET', `/api/v1/conversations?${TABS[tab]}&limit=50`);
  } catch (error) {
    if (request === queueRequest && state.me) $('queue-error').textContent = t('error.queue', { reason: error.message });
    return;
  }
  if (tab !== state.tab || request !== queueRequest) return; // a newer load is on its way
  $('queue-error').textContent = '';
  state.queuePage = page;
  renderQueue();
}

/** The list in the server's order (the queue tab: victims first, then the longest wait). */
export function renderQueue() {
  const page = state.queuePage;
  if (!page) return;
  $('queue-total').textContent = t('queue.total', { n: page.total });
  $('queue-list').replaceChildren(...page.items.map(({ conversation: c, customerName }) => el('li', {
    class: state.open?.id === c.conversationId ? 'selected' : '',
    dataset: { conversationId: c.conversationId },
    onclick: () => openConversation(c.conversationId),
  },
  el('div', { class: 'name' }, customerName || t('customer.unknown'),
    c.handoff?.possibleVictim ? el('span', { class: 'badge victim' }, t('queue.victim')) : null),
  el('div', { class: 'preview' }, preview(c)),
  el('div', { class: 'meta' },
    c.status === 'queued' && c.queuedAt ? el('span', { class: 'wait', dataset: { since: c.queuedAt } }, t('queue.waiting', { time: duration(c.queuedAt) })) : null,
    c.team ? el('span', { class: 'team', dataset: { team: c.team } }, t('queue.team', { team: teamName(c.team) })) : null),
  el('div', { class: 'meta' }, [tOr(`status.${c.status}`, c.status), c.lastInboundChannel || '', time(c.lastMessageAt)].join(' · '),
    c.handoff ? ` · ${t('queue.handedOff')}` : '', (c.labels || []).length ? ` · ${c.labels.join(', ')}` : ''))));
  emit('queueRendered', page);
}

/** Marks the open conversation in the list. */
export function markSelected(id) {
  for (const li of $('queue-list').children) li.classList.toggle('selected', li.dataset.conversationId === id);
}

// A call's timeline item changes in place (ringing, answered, ended), but the server's lastMessagePreview keeps the
// sentence of its first stage. When the call item is the conversation's last item (its creation time is the
// conversation's lastMessageAt) the console shows the item's current sentence instead.
const callPreviews = new Map(); // conversationId -> { at, text }

function noteCallPreview(ev) {
  const m = ev.message;
  if (ev.type !== 'call.updated' || !m?.createdAt || !ev.conversation?.lastMessageAt) return;
  if (Date.parse(ev.conversation.lastMessageAt) !== Date.parse(m.createdAt)) return;
  callPreviews.set(ev.conversationId, { at: ev.conversation.lastMessageAt, text: m.text });
}

/** A call that is the conversation's last item, as it is now; else the customer's last message (lastInboundPreview), else the last item's. */
function preview(c) {
  const call = callPreviews.get(c.conversationId);
  if (call && Date.parse(call.at) === Date.parse(c.lastMessageAt)) return call.text;
  if (c.lastInboundPreview) return c.lastInboundPreview;
  return c.lastMessagePreview || '';
}

/** Whether a conversation belongs on the current tab (the same filter the list request uses). */
function onTab(c) {
  const statuses = { queued: ['queued'], mine: ['queued', 'assigned'], bot: ['bot'], all: ['bot', 'queued', 'assigned'] }[state.tab];
  if (!statuses.includes(c.status)) return false;
  return state.tab !== 'mine' || c.assigneeId === state.me?.operatorId;
}

on('event', (ev) => {
  noteCallPreview(ev);
  if (ev.conversation && !onTab(ev.conversation)) {
    for (const li of $('queue-list').querySelectorAll('li')) if (li.dataset.conversationId === ev.conversationId) li.remove();
  }
  if (ev.type !== 'message.delivery' && ev.type !== 'message.bot_decision') scheduleQueueReload();
});
on('connected', scheduleQueueReload);
on('language', renderQueue);
on('teams', renderQueue);
on('logout', () => {
  queueRequest++;
  clearTimeout(queueTimer);
  callPreviews.clear();
  selectTab('queued');
  $('queue-list').replaceChildren();
  $('queue-total').textContent = '';
  $('queue-error').textContent = '';
});

// Waiting times tick every second without asking the server.
setInterval(() => {
  for (const node of document.querySelectorAll('.wait[data-since]')) node.textContent = t('queue.waiting', { time: duration(node.dataset.since) });
}, 1000);
