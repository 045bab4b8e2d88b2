// The open conversation in the middle: header and actions, the bot's handoff card, the timeline, reply and note.
import { $, el, newGuid } from './dom.js';
import { t, tOr, time } from './i18n.js';
import { api } from './api.js';
import { on, emit } from './bus.js';
import { state } from './state.js';
import { teamName } from './teams.js';
import { scheduleQueueReload, markSelected } from './queue.js';
import { catchUp, watch } from './live.js';
import { renderCustomer } from './customer.js';
import { itemText } from './sentences.js';
import { renderLabels } from './labels.js';
import { replyExtras, clearReply, renderComposer, fileSize } from './composer.js';

const PAGE = 50; // items per page of the timeline

/** Opens a conversation; a failure (network, 404, 403) is said in the conversation column. */
export async function openConversation(id) {
  const epoch = state.epoch;
  $('open-error').textContent = '';
  let details;
  try {
    details = await api('GET', `/api/v1/conversations/${id}?limit=${PAGE}`);
  } catch (error) {
    if (epoch === state.epoch) $('open-error').textContent = t('error.open', { reason: error.message });
    return;
  }
  if (epoch !== state.epoch) return; // logged out meanwhile
  $('conv-error').textContent = '';
  state.open = {
    id,
    conversation: details.conversation,
    customer: details.customer,
    messages: new Map(details.messages.map((m) => [m.messageId, m])),
    nextBefore: details.nextBefore ?? null, // the cursor of the older page; null: the beginning is loaded
    loadingOlder: false,
  };
  state.lastSeq = details.conversation.lastSequence;
  markSelected(id);
  await watch(id);
  renderConversation();
  scrollToEnd();
  emit('opened');
  // Anything that happened between the GET and Watch is fetched now.
  await catchUp();
}

export function renderConversation() {
  const open = state.open;
  $('no-conversation').hidden = !!open;
  $('conversation-view').hidden = !open;
  if (!open) { $('customer-card').replaceChildren(); $('handoff-card').hidden = true; return; }
  renderHeader();
  renderHandoff();
  renderTimeline();
  renderCustomer();
  renderComposer();
}

/** The bot's handoff card: what the customer came for, the order found, the priority and the "possible victim" flag. */
function renderHandoff() {
  const card = $('handoff-card');
  const h = state.open.conversation.handoff;
  card.hidden = !h;
  if (!h) { card.replaceChildren(); return; }
  const row = (label, value, cls) => [el('dt', {}, label), el('dd', { class: cls }, value)];
  const order = h.orderNumber
    ? t(h.orderStatus ? 'handoff.orderWithStatus' : 'handoff.orderValue', { number: h.orderNumber, status: h.orderStatus })
    : null;
  card.classList.toggle('victim', !!h.possibleVictim);
  card.replaceChildren(
    el('h3', {}, t('handoff.title'),
      h.possibleVictim ? el('span', { class: 'badge victim', id: 'handoff-victim' }, t('handoff.victim'))
        : h.fraud ? el('span', { class: 'badge fraud' }, t('handoff.fraud')) : null),
    el('dl', {},
      h.summary ? row(t('handoff.summary'), h.summary, 'summary') : null,
      row(t('handoff.intent'), tOr(`intent.${h.intent}`, h.intent), 'intent'),
      order ? row(t('handoff.order'), order, 'order') : null,
      row(t('handoff.priority'), tOr(`priority.${h.priority}`, String(h.priority)), `priority priority-${h.priority}`)),
  );
}

export function renderHeader() {
  const c = state.open.conversation;
  $('conv-title').textContent = state.open.customer?.name || t('customer.unknown');
  const status = tOr(`status.${c.status}`, c.status);
  $('conv-status').textContent = c.assigneeId
    ? `${status} · ${t(c.assigneeId === state.me.operatorId ? 'conversation.toMe' : 'conversation.toColleague')}` : status;
  $('conv-team').hidden = !c.team;
  $('conv-team').textContent = c.team ? t('queue.team', { team: teamName(c.team) }) : '';
  renderLabels();
  const buttons = Object.fromEntries([...document.querySelectorAll('.actions button')].map((b) => [b.dataset.action, b]));
  // A colleague's conversation: an operator takes it over explicitly (recorded, and the colleague is told); supervisors act directly.
  const colleagues = c.status === 'assigned' && c.assigneeId && c.assigneeId !== state.me.operatorId;
  const blocked = colleagues && state.me.role === 'operator';
  buttons.assign.hidden = blocked;
  buttons['take-over'].hidden = !blocked;
  buttons.assign.disabled = c.status === 'resolved' || c.assigneeId === state.me.operatorId;
  buttons.unassign.disabled = !c.assigneeId || c.status === 'resolved' || blocked;
  buttons.resolve.disabled = c.status === 'resolved' || blocked;
  buttons.reopen.disabled = c.status !== 'resolved';
  $('reply-send').disabled = blocked || state.inFlight.has('messages');
  $('note-send').disabled = state.inFlight.has('notes');
}

/** Items in the order things happened: by creation time (to the 100 ns the server keeps), then sequence, then id. */
function timeKey(iso) {
  const fraction = /\.(\d+)/.exec(iso || '')?.[1] || '';
  return [Date.parse(iso) || 0, Number((fraction + '0000000').slice(3, 7))];
}

export function byTime(a, b) {
  const [am, af] = timeKey(a.createdAt);
  const [bm, bf] = timeKey(b.createdAt);
  return am - bm || af - bf || a.sequence - b.sequence || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/**
 * Draws the timeline. At the bottom it stays at the bottom; otherwise the items in view stay where they are, also when
 * an older page arrives above them. The first item says whether older ones are loading or this is the beginning.
 */
function renderTimeline(olderAbove = false) {
  const list = $('timeline');
  const open = state.open;
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 30;
  const fromBottom = list.scrollHeight - list.scrollTop;
  const fromTop = list.scrollTop;
  const messages = [...open.messages.values()].sort(byTime);
  const head = open.loadingOlder
    ? el('li', { class: 'history loading', id: 'history-loading', role: 'status' }, t('conversation.history.loading'))
    : !open.nextBefore
      ? el('li', { class: 'history start', id: 'history-start' }, t('conversation.history.start'))
      : el('li', { class: 'history more', id: 'history-more' }, t('conversation.history.more'));
  list.replaceChildren(head, ...messages.map(renderMessage));
  // At the bottom: stay there. Items added above (an older page): keep the distance to the end. Else: stay put.
  list.scrollTop = atBottom ? list.scrollHeight : olderAbove ? list.scrollHeight - fromBottom : fromTop;
  fillView();
}

function scrollToEnd() {
  const list = $('timeline');
  list.scrollTop = list.scrollHeight;
  fillView();
}

/** While the timeline does not fill its column and older items exist, they are loaded (nothing to scroll yet). */
function fillView() {
  const list = $('timeline');
  if (state.open?.nextBefore && !state.open.loadingOlder && list.scrollHeight <= list.clientHeight + 5 && list.clientHeight > 0) {
    setTimeout(loadOlder, 0);
  }
}

/** Loads the page before the oldest item shown (scrolling to the top asks for it). */
async function loadOlder() {
  const open = state.open;
  if (!open || !open.nextBefore || open.loadingOlder) return;
  open.loadingOlder = true;
  renderTimeline(true);
  let page = null;
  try {
    page = await api('GET', `/api/v1/conversations/${open.id}/messages?before=${encodeURIComponent(open.nextBefore)}&limit=${PAGE}`);
  } catch (error) {
    if (state.open === open) $('conv-error').textContent = t('conversation.history.failed', { reason: error.message });
  }
  if (state.open !== open) return; // another conversation was opened meanwhile
  open.loadingOlder = false;
  if (page) {
    for (const m of page.messages) if (!open.messages.has(m.messageId)) open.messages.set(m.messageId, m);
    open.nextBefore = page.nextBefore ?? null;
  }
  renderTimeline(true);
}

$('timeline').addEventListener('scroll', () => {
  if ($('timeline').scrollTop < 60) loadOlder();
});

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']; // never SVG: it could run script

/** An image as a preview (a click opens it), any other file as a download link with its name and size. */
function renderAttachment(a) {
  const name = a.fileName || a.name || t('timeline.attachmentName');
  if (!a.attachmentId) {
    return el('div', { class: 'meta' }, t('timeline.attachment'),
      a.url ? el('a', { href: a.url, target: '_blank', rel: 'noopener' }, name) : name);
  }
  const href = `/api/v1/attachments/${encodeURIComponent(a.attachmentId)}`;
  if (IMAGE_TYPES.includes((a.contentType || '').toLowerCase())) {
    return el('a', { class: 'attachment image', href, target: '_blank', rel: 'noopener', title: name },
      el('img', { src: href, alt: name, loading: 'lazy' }));
  }
  return el('a', { class: 'attachment file', href, download: name },
    el('span', { class: 'file-name' }, name), ' ', el('span', { class: 'file-size' }, `(${fileSize(a.size)})`));
}

function renderMessage(m) {
  const who = m.kind === 'inbound' ? (state.open.customer?.name || t('timeline.customer'))
    : m.kind === 'callEvent' ? t('timeline.call') : (m.authorName || t(m.kind === 'note' ? 'timeline.note' : 'timeline.operator'));
  const where = m.kind === 'note' ? t('timeline.privateNote') : m.kind === 'event' ? t('timeline.conversation') : (m.channel || '');
  const meta = el('div', { class: 'meta' },
    `${who} · ${where} · ${time(m.createdAt)}`,
    m.editedAt ? t('timeline.edited', { time: time(m.editedAt) }) : '');
  if (m.kind === 'outbound' && m.delivery) {
    meta.append(el('span', { class: `delivery ${m.delivery}`, dataset: { delivery: m.delivery } },
      tOr(`delivery.${m.delivery}`, m.delivery), m.deliveryError ? `: ${m.deliveryError}` : ''));
  }
  const attachments = (m.attachments || []).length
    ? el('div', { class: 'attachments' }, (m.attachments || []).map(renderAttachment)) : null;
  const bot = m.botDecision
    ? el('div', { class: 'bot' }, t('timeline.bot', {
      intent: tOr(`intent.${m.botDecision.intent}`, m.botDecision.intent),
      confidence: Math.round((m.botDecision.confidence || 0) * 100),
    }))
    : null;
  return el('li', { class: m.kind, dataset: { messageId: m.messageId, sequence: m.sequence, createdAt: m.createdAt } },
    meta, el('div', { class: 'text' }, itemText(m)), attachments, bot);
}

for (const button of document.querySelectorAll('.actions button')) {
  button.addEventListener('click', () => command(button.dataset.action));
}

async function command(action) {
  if (!state.open) return;
  $('conv-error').textContent = '';
  try {
    await api('POST', `/api/v1/conversations/${state.open.id}/${action}`, action === 'assign' ? {} : undefined);
    await refreshOpen();
    scheduleQueueReload();
  } catch (error) { $('conv-error').textContent = error.message; }
}

/**
 * Sends a reply or a note. The button stays disabled while the request is on its way (a double click sends once), and
 * each click carries a new Idempotency-Key, so that the server drops a repeated request. A reply carries the files
 * uploaded in the reply box and the channel chosen there (composer.js).
 */
async function send(kind, textarea) {
  const text = textarea.value.trim();
  const extras = kind === 'messages' ? replyExtras() : null;
  if (!state.open || state.inFlight.has(kind)) return;
  if (extras?.error) { $('conv-error').textContent = extras.error; return; }
  if (!text && !extras?.attachmentIds?.length) return;
  const epoch = state.epoch;
  $('conv-error').textContent = '';
  state.inFlight.add(kind);
  renderHeader();
  try {
    const body = kind === 'messages'
      ? { text, attachmentIds: extras.attachmentIds.length ? extras.attachmentIds : undefined, channel: extras.channel, identity: extras.identity }
      : { text };
    await api('POST', `/api/v1/conversations/${state.open.id}/${kind}`, body, { 'Idempotency-Key': newGuid() });
    if (epoch !== state.epoch) return;
    textarea.value = '';
    if (kind === 'messages') clearReply();
    await catchUp(); // the event usually arrives first; this covers a slow or dropped connection
  } catch (error) {
    if (epoch === state.epoch) $('conv-error').textContent = error.message;
  } finally {
    if (epoch === state.epoch) {
      state.inFlight.delete(kind);
      if (state.open) renderHeader();
    }
  }
}
$('reply-form').addEventListener('submit', (e) => { e.preventDefault(); send('messages', $('reply-text')); });
$('note-form').addEventListener('submit', (e) => { e.preventDefault(); send('notes', $('note-text')); });

// Ctrl+Enter (Cmd+Enter on a Mac) sends the reply box and the note box.
for (const [box, form] of [['reply-text', 'reply-form'], ['note-text', 'note-form']]) {
  $(box).addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      $(form).requestSubmit();
    }
  });
}

/** Reads the open conversation again (after a command, or a merge: then the timeline starts again from its newest page). */
export async function refreshOpen(restart = false) {
  if (!state.open) return;
  const open = state.open;
  const id = open.id;
  const details = await api('GET', `/api/v1/conversations/${id}?limit=${PAGE}`);
  if (state.open !== open) return;
  open.conversation = details.conversation;
  open.customer = details.customer;
  if (restart) {
    open.messages = new Map();
    open.nextBefore = details.nextBefore ?? null;
  } else if (!open.messages.size) {
    open.nextBefore = details.nextBefore ?? null;
  }
  for (const m of details.messages) open.messages.set(m.messageId, m);
  state.lastSeq = Math.max(state.lastSeq, details.conversation.lastSequence);
  renderConversation();
  emit('opened');
}

/** Applies a live event of the open conversation, once and in order (live.js calls this). */
export function applyToOpen(ev) {
  const open = state.open;
  if (!open || ev.conversationId !== open.id || ev.sequence <= state.lastSeq) return;
  state.lastSeq = ev.sequence;
  if (ev.conversation) open.conversation = ev.conversation;
  if (ev.type === 'conversation.merged') { refreshOpen(true); return; }
  if (ev.message) open.messages.set(ev.message.messageId, ev.message);
  renderHeader();
  renderHandoff();
  if (ev.message) renderTimeline();
}

on('language', () => { if (state.open) renderConversation(); });
on('teams', () => { if (state.open) renderHeader(); });
on('logout', () => {
  for (const id of ['timeline', 'handoff-card']) $(id).replaceChildren();
  for (const id of ['open-error', 'conv-error']) $(id).textContent = '';
  for (const id of ['reply-text', 'note-text']) $(id).value = '';
  renderConversation();
});
