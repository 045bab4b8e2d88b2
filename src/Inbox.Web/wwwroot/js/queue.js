// The conversation list on the left: tabs, waiting times, the preview, the bot's waiting customers (filters.js: search,
// filters and sorting; shortcuts.js: the keyboard; layout.js: the phone's one column).
import { $, el } from './dom.js';
import { t, tOr, time, duration } from './i18n.js';
import { api } from './api.js';
import { on, emit } from './bus.js';
import { state } from './state.js';
import { teamName } from './teams.js';
import { openConversation } from './conversation.js';
import { filterParams, filtersActive, searchText } from './filters.js';

/** From how long on the bot's customer is marked (docs/console.md): 5 minutes since their last message. */
export const BOT_WAIT_LONG_SECONDS = 5 * 60;

const TABS = {
  queued: 'status=queued',
  mine: 'status=queued,assigned&assignee=me',
  bot: 'status=bot',
  all: 'status=bot,queued,assigned',
  resolved: 'status=resolved',
};

let queueTimer = null;
export function scheduleQueueReload() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(loadQueue, 250);
}

function selectTab(tab) {
  state.tab = tab;
  for (const b of $('tabs').querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === tab);
  emit('tab', tab);
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
    const filters = filterParams();
    page = await api('GET', `/api/v1/conversations?${TABS[tab]}${filters ? `&${filters}` : ''}&limit=50`);
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
  const q = searchText();
  $('queue-total').textContent = page.total === 0 && filtersActive()
    ? t(q ? 'list.nothingFoundFor' : 'list.nothingFound', { q })
    : t('queue.total', { n: page.total });
  $('queue-total').classList.toggle('list-nothing', page.total === 0 && filtersActive());
  keepInPlace($('queue-list'), page.items.map(({ conversation: c, customerName }) => el('li', {
    class: state.open?.id === c.conversationId ? 'selected' : '',
    dataset: { conversationId: c.conversationId, status: c.status },
    tabindex: '0',
    onclick: () => openConversation(c.conversationId),
    onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) openConversation(c.conversationId); },
  },
  el('div', { class: 'name' }, customerName || t('customer.unknown'),
    c.handoff?.possibleVictim ? el('span', { class: 'badge victim' }, t('queue.victim')) : null),
  el('div', { class: 'preview' }, preview(c)),
  el('div', { class: 'meta' },
    c.status === 'queued' && c.queuedAt ? el('span', { class: 'wait', dataset: { since: c.queuedAt } }, t('queue.waiting', { time: duration(c.queuedAt) })) : null,
    c.team ? el('span', { class: 'team', dataset: { team: c.team } }, t('queue.team', { team: teamName(c.team) })) : null),
  c.status === 'bot' ? botLine(c) : null,
  el('div', { class: 'meta' }, [tOr(`status.${c.status}`, c.status), c.lastInboundChannel || '', time(c.lastMessageAt)].join(' · '),
    c.handoff ? ` · ${t('queue.handedOff')}` : '', (c.labels || []).length ? ` · ${c.labels.join(', ')}` : ''))));
  emit('queueRendered', page);
}

const drawn = new WeakMap(); // <li> -> the markup it was last drawn with (before unread.js decorates it)

/**
 * Puts the freshly drawn items in the list, keeping each conversation's existing <li> (and, when it did not change,
 * its content) where it was: the list is redrawn on every live event, and an operator's click whose press and release
 * straddle a redraw must still open the conversation instead of landing on a node that was just thrown away.
 */
function keepInPlace(list, fresh) {
  const existing = new Map([...list.children].map((li) => [li.dataset.conversationId, li]));
  const items = fresh.map((li) => {
    const old = existing.get(li.dataset.conversationId);
    if (!old) { drawn.set(li, li.innerHTML); return li; }
    old.className = li.className;
    old.dataset.status = li.dataset.status;
    if (drawn.get(old) !== li.innerHTML) { old.replaceChildren(...li.childNodes); drawn.set(old, old.innerHTML); }
    return old;
  });
  items.forEach((li, i) => { if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null); });
  while (list.children.length > items.length) list.lastElementChild.remove();
}

/** Since when a customer with the bot waits: their last message (lastInboundAt), else the conversation's start. */
const botSince = (c) => c.lastInboundAt || c.createdAt;
const botWaitIsLong = (since) => (Date.now() - Date.parse(since)) / 1000 >= BOT_WAIT_LONG_SECONDS;

/** "waiting on the bot for 7 min" (red from BOT_WAIT_LONG_SECONDS) and the button that takes the conversation from the bot. */
function botLine(c) {
  const since = botSince(c);
  return el('div', { class: 'meta bot-line' },
    since ? el('span', { class: `bot-wait${botWaitIsLong(since) ? ' long' : ''}`, dataset: { since } }, t('list.botWaiting', { time: duration(since) })) : null,
    el('button', { type: 'button', class: 'bot-take', onclick: (e) => { e.stopPropagation(); takeFromBot(c.conversationId, e.currentTarget); } },
      t('list.takeFromBot')));
}

/** Assigns a conversation the bot is holding to me (the bot stops answering it) and opens it. */
async function takeFromBot(id, button) {
  const epoch = state.epoch;
  button.disabled = true;
  $('queue-error').textContent = '';
  try {
    await api('POST', `/api/v1/conversations/${id}/assign`, {});
  } catch (error) {
    if (epoch === state.epoch) { $('queue-error').textContent = t('list.takeFromBotFailed', { reason: error.message }); button.disabled = false; }
    return;
  }
  if (epoch !== state.epoch) return;
  scheduleQueueReload();
  await openConversation(id);
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
  const statuses = { queued: ['queued'], mine: ['queued', 'assigned'], bot: ['bot'], all: ['bot', 'queued', 'assigned'], resolved: ['resolved'] }[state.tab];
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
on('listFilters', () => { $('queue-error').textContent = ''; loadQueue(); });
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
  for (const node of document.querySelectorAll('.bot-wait[data-since]')) {
    node.textContent = t('list.botWaiting', { time: duration(node.dataset.since) });
    node.classList.toggle('long', botWaitIsLong(node.dataset.since));
  }
}, 1000);
