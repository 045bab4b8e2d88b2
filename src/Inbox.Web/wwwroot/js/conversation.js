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

/** Opens a conversation; a failure (network, 404, 403) is said in the conversation column. */
export async function openConversation(id) {
  const epoch = state.epoch;
  $('open-error').textContent = '';
  let details;
  try {
    details = await api('GET', `/api/v1/conversations/${id}?limit=50`);
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
  };
  state.lastSeq = details.conversation.lastSequence;
  markSelected(id);
  await watch(id);
  renderConversation();
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
  $('conv-labels').textContent = (c.labels || []).join(', ');
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

function renderTimeline() {
  const list = $('timeline');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 30;
  const messages = [...state.open.messages.values()].sort((a, b) => a.sequence - b.sequence);
  list.replaceChildren(...messages.map(renderMessage));
  if (atBottom) list.scrollTop = list.scrollHeight;
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
  const fileName = (a) => a.fileName || a.name || t('timeline.attachmentName');
  const attachments = (m.attachments || []).map((a) => el('div', { class: 'meta' }, t('timeline.attachment'),
    a.url ? el('a', { href: a.url, target: '_blank', rel: 'noopener' }, fileName(a)) : fileName(a)));
  const bot = m.botDecision
    ? el('div', { class: 'bot' }, t('timeline.bot', {
      intent: tOr(`intent.${m.botDecision.intent}`, m.botDecision.intent),
      confidence: Math.round((m.botDecision.confidence || 0) * 100),
    }))
    : null;
  return el('li', { class: m.kind, dataset: { messageId: m.messageId, sequence: m.sequence } },
    meta, el('div', { class: 'text' }, m.text || ''), attachments, bot);
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
 * each click carries a new Idempotency-Key, so that the server drops a repeated request.
 */
async function send(kind, textarea) {
  const text = textarea.value.trim();
  if (!state.open || !text || state.inFlight.has(kind)) return;
  const epoch = state.epoch;
  $('conv-error').textContent = '';
  state.inFlight.add(kind);
  renderHeader();
  try {
    await api('POST', `/api/v1/conversations/${state.open.id}/${kind}`, { text }, { 'Idempotency-Key': newGuid() });
    if (epoch !== state.epoch) return;
    textarea.value = '';
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

/** Reads the open conversation again (after a command, or a merge). */
export async function refreshOpen() {
  if (!state.open) return;
  const id = state.open.id;
  const details = await api('GET', `/api/v1/conversations/${id}?limit=50`);
  if (state.open?.id !== id) return;
  state.open.conversation = details.conversation;
  state.open.customer = details.customer;
  for (const m of details.messages) state.open.messages.set(m.messageId, m);
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
  if (ev.type === 'conversation.merged') { refreshOpen(); return; }
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
