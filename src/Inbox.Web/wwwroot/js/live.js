// The live connection (SignalR hub /hubs/inbox): events in order, catch-up after a gap or a reconnect, the badge.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { on, emit } from './bus.js';
import { state } from './state.js';
import { applyToOpen, openConversation } from './conversation.js';
import { checkSession } from './session.js';
import { itemText } from './sentences.js';

// Hub messages other than 'event' that some part listens to; each arrives on the bus under its own name.
const forwarded = new Set(['callPop']);

/** Makes a hub message (e.g. 'presence', 'reports') arrive as a bus signal of the same name. Call at module load. */
export function listenToHub(name) { forwarded.add(name); }

function enqueue(work) {
  state.eventChain = state.eventChain.then(work).catch((error) => console.warn('event handling failed', error));
  return state.eventChain;
}

/** Asks the hub for every event of the open conversation after the last one applied. */
export function catchUp() {
  return enqueue(async () => {
    const hub = state.hub;
    if (!state.open || hub?.state !== 'Connected') return;
    const id = state.open.id;
    const missed = await hub.invoke('GetMissedEvents', id, state.lastSeq);
    for (const ev of missed) applyToOpen(ev);
  });
}

/** Tells the hub which conversation this console has open (its events come to this connection). */
export async function watch(id) {
  if (state.hub?.state === 'Connected') await state.hub.invoke('Watch', id).catch(() => {});
}

/** A colleague took over (or a supervisor changed) a conversation that was mine: say so in my language, whatever is open. */
function noticeTakeOver(ev) {
  const item = ev.message;
  if (ev.type !== 'conversation.taken_over' || item?.metadata?.previousAssigneeId !== state.me?.operatorId) return;
  const box = $('notice');
  box.replaceChildren(el('span', {}, itemText(item)), ' ', el('button', { type: 'button', onclick: () => openConversation(ev.conversationId) }, t('notice.open')),
    ' ', el('button', { type: 'button', onclick: () => { box.hidden = true; } }, t('notice.dismiss')));
  box.hidden = false;
}

function onEvent(ev) {
  noticeTakeOver(ev);
  emit('event', ev);
  if (!state.open || ev.conversationId !== state.open.id) return;
  enqueue(async () => {
    if (!state.open || ev.conversationId !== state.open.id) return;
    if (ev.sequence > state.lastSeq + 1) {
      // A gap: fetch what was missed (it includes this event) in order.
      const missed = await state.hub.invoke('GetMissedEvents', ev.conversationId, state.lastSeq);
      for (const m of missed) applyToOpen(m);
    }
    applyToOpen(ev);
  });
}

/** The connection badge. While the browser knows it is offline it says so, whatever the hub still believes. */
function setConnection(key) {
  state.connection = key;
  const shown = navigator.onLine ? key : 'connection.offline';
  const cls = { 'connection.live': 'online', 'connection.connecting': '' }[shown] ?? 'offline';
  $('connection').textContent = t(shown);
  $('connection').className = `connection ${cls}`;
}

// The hub notices a dropped network only after its server timeout (30 s); the browser's own signal is at once.
window.addEventListener('offline', () => setConnection(state.connection));
window.addEventListener('online', () => {
  setConnection(state.connection);
  if (state.hub?.state === 'Connected') resync(state.hub);
});

export async function connectHub() {
  if (state.hub) return;
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/inbox')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10000, 500 * 2 ** ctx.previousRetryCount) })
    .build();
  state.hub = hub;
  hub.on('event', onEvent);
  for (const name of forwarded) hub.on(name, (...args) => emit(name, ...args));
  // Supervisors receive operators' presence (docs/routing.md) even when no part listens to it.
  if (!forwarded.has('presence')) hub.on('presence', () => {});
  hub.onreconnecting(() => { setConnection('connection.reconnecting'); checkSession(); });
  hub.onreconnected(() => resync(hub));
  hub.onclose(() => {
    if (state.hub !== hub) return; // logged out
    setConnection('connection.offline');
    state.hub = null;
    setTimeout(() => { if (!$('console').hidden) connectHub(); }, 2000);
  });
  try {
    await hub.start();
  } catch {
    state.hub = null;
    setConnection('connection.offline');
    if (!(await checkSession())) return;
    setTimeout(() => { if (!$('console').hidden) connectHub(); }, 2000);
    return;
  }
  await resync(hub);
}

/** Closes the connection at logout (its onclose then does nothing). */
export function stopHub() {
  if (state.hub) { const hub = state.hub; state.hub = null; hub.stop(); }
}

/** After (re)connecting: watch the open conversation again and catch up on everything missed. */
async function resync(hub) {
  setConnection('connection.live');
  if (state.open) await hub.invoke('Watch', state.open.id).catch(() => {});
  await catchUp();
  emit('connected');
}

on('language', () => setConnection(state.connection));
on('logout', () => {
  $('notice').hidden = true;
  setConnection('connection.connecting');
});
