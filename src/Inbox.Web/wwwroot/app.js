// Inbox operators' console: plain ES module, no framework. All user data goes through textContent (el()).
const $ = (id) => document.getElementById(id);

/** Builds an element; strings and numbers among the children become text nodes, never HTML. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) { showLogin(); throw new Error('Not logged in'); }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

// ---- state ----
const state = {
  me: null,
  tab: 'queued',
  open: null,        // { id, conversation, customer, messages: Map(messageId -> message) }
  lastSeq: 0,        // last sequence applied to the open conversation
  hub: null,
  eventChain: Promise.resolve(), // events are applied one at a time, in arrival order
};

const TABS = {
  queued: 'status=queued',
  mine: 'status=queued,assigned&assignee=me',
  bot: 'status=bot',
  all: 'status=bot,queued,assigned',
};

// ---- login ----
function showLogin() {
  $('console').hidden = true;
  $('login').hidden = false;
  if (state.hub) { const hub = state.hub; state.hub = null; hub.stop(); }
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: $('login-name').value, password: $('login-password').value }),
  });
  if (!response.ok) {
    $('login-error').textContent = response.status === 429
      ? 'Too many failed logins: try again later, or ask an admin to lift the lockout.'
      : 'Wrong login or password.';
    return;
  }
  $('login-password').value = '';
  await start();
});

$('logout').addEventListener('click', async () => {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
  state.open = null;
  showLogin();
});

async function start() {
  const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
  if (!response.ok) { showLogin(); return; }
  state.me = await response.json();
  $('me').textContent = `${state.me.displayName || state.me.login} (${state.me.role})`;
  $('login').hidden = true;
  $('console').hidden = false;
  await loadQueue();
  await connectHub();
}

// ---- queue ----
let queueTimer = null;
function scheduleQueueReload() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(() => loadQueue().catch(() => {}), 250);
}

$('tabs').addEventListener('click', (e) => {
  const tab = e.target.closest('button')?.dataset.tab;
  if (!tab) return;
  state.tab = tab;
  for (const b of $('tabs').querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === tab);
  loadQueue();
});

let queueRequest = 0;
async function loadQueue() {
  const tab = state.tab;
  const request = ++queueRequest;
  const page = await api('GET', `/api/v1/conversations?${TABS[tab]}&limit=50`);
  if (tab !== state.tab || request !== queueRequest) return; // a newer load is on its way
  $('queue-total').textContent = `${page.total} conversation(s)`;
  $('queue-list').replaceChildren(...page.items.map(({ conversation: c, customerName }) => el('li', {
    class: state.open?.id === c.conversationId ? 'selected' : '',
    dataset: { conversationId: c.conversationId },
    onclick: () => openConversation(c.conversationId),
  },
  el('div', { class: 'name' }, customerName || 'Unknown customer'),
  el('div', { class: 'preview' }, c.lastMessagePreview || ''),
  el('div', { class: 'meta' }, `${c.status} · ${c.lastInboundChannel || ''} · ${time(c.lastMessageAt)}`,
    c.handoff ? ' · handed off by bot' : '', (c.labels || []).length ? ` · ${c.labels.join(', ')}` : ''))));
}

// ---- conversation ----
async function openConversation(id) {
  $('conv-error').textContent = '';
  const details = await api('GET', `/api/v1/conversations/${id}?limit=50`);
  state.open = {
    id,
    conversation: details.conversation,
    customer: details.customer,
    messages: new Map(details.messages.map((m) => [m.messageId, m])),
  };
  state.lastSeq = details.conversation.lastSequence;
  for (const li of $('queue-list').children) li.classList.toggle('selected', li.dataset.conversationId === id);
  if (state.hub?.state === 'Connected') await state.hub.invoke('Watch', id).catch(() => {});
  renderConversation();
  // Anything that happened between the GET and Watch is fetched now.
  await catchUp();
}

function renderConversation() {
  const open = state.open;
  $('no-conversation').hidden = !!open;
  $('conversation-view').hidden = !open;
  if (!open) { $('customer-card').replaceChildren(); return; }
  renderHeader();
  renderTimeline();
  renderCustomer();
}

function renderHeader() {
  const c = state.open.conversation;
  $('conv-title').textContent = state.open.customer?.name || 'Unknown customer';
  $('conv-status').textContent = c.assigneeId ? `${c.status} · ${c.assigneeId === state.me.operatorId ? 'assigned to me' : 'assigned'}` : c.status;
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
  $('reply-send').disabled = blocked;
}

function renderTimeline() {
  const list = $('timeline');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 30;
  const messages = [...state.open.messages.values()].sort((a, b) => a.sequence - b.sequence);
  list.replaceChildren(...messages.map(renderMessage));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function renderMessage(m) {
  const who = m.kind === 'inbound' ? (state.open.customer?.name || 'Customer')
    : m.kind === 'callEvent' ? 'Call' : (m.authorName || (m.kind === 'note' ? 'Note' : 'Operator'));
  const where = m.kind === 'note' ? 'private note' : m.kind === 'event' ? 'conversation' : (m.channel || '');
  const meta = el('div', { class: 'meta' },
    `${who} · ${where} · ${time(m.createdAt)}`,
    m.editedAt ? ` · edited ${time(m.editedAt)}` : '');
  if (m.kind === 'outbound' && m.delivery) {
    meta.append(el('span', { class: `delivery ${m.delivery}`, dataset: { delivery: m.delivery } },
      m.delivery, m.deliveryError ? `: ${m.deliveryError}` : ''));
  }
  const attachments = (m.attachments || []).map((a) => el('div', { class: 'meta' }, 'Attachment: ',
    a.url ? el('a', { href: a.url, target: '_blank', rel: 'noopener' }, a.fileName || a.name || 'attachment') : (a.fileName || a.name || 'attachment')));
  const bot = m.botDecision
    ? el('div', { class: 'bot' }, `bot: ${m.botDecision.intent} (${Math.round((m.botDecision.confidence || 0) * 100)}%)`)
    : null;
  return el('li', { class: m.kind, dataset: { messageId: m.messageId, sequence: m.sequence } },
    meta, el('div', { class: 'text' }, m.text || ''), attachments, bot);
}

function renderCustomer() {
  const customer = state.open.customer;
  if (!customer) { $('customer-card').replaceChildren(el('p', { class: 'muted' }, 'No customer card.')); return; }
  // channel -> identity -> reason: a phone can be unreachable by SMS and reachable on WhatsApp
  const unreachableOn = customer.unreachableOn || {};
  const notes = (identity) => Object.entries(unreachableOn)
    .filter(([, identities]) => identities[identity])
    .map(([channel, identities]) => el('span', { class: 'unreachable' }, ` — unreachable by ${channel}: ${identities[identity]}`));
  const count = Object.values(unreachableOn).reduce((n, identities) => n + Object.keys(identities).length, 0);
  $('customer-card').replaceChildren(...[
    el('h3', {}, customer.name || 'Unknown customer'),
    el('div', { class: 'muted' }, 'Identities'),
    el('ul', { class: 'identities' }, (customer.identities || []).map((i) => el('li', {}, i, ...notes(i)))),
    count
      ? el('div', { class: 'unreachable' }, `Unreachable on ${count} channel identity(ies)`)
      : null,
  ].filter(Boolean));
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

async function send(kind, textarea) {
  const text = textarea.value.trim();
  if (!state.open || !text) return;
  $('conv-error').textContent = '';
  try {
    await api('POST', `/api/v1/conversations/${state.open.id}/${kind}`, { text });
    textarea.value = '';
    await catchUp(); // the event usually arrives first; this covers a slow or dropped connection
  } catch (error) { $('conv-error').textContent = error.message; }
}
$('reply-form').addEventListener('submit', (e) => { e.preventDefault(); send('messages', $('reply-text')); });
$('note-form').addEventListener('submit', (e) => { e.preventDefault(); send('notes', $('note-text')); });

async function refreshOpen() {
  if (!state.open) return;
  const id = state.open.id;
  const details = await api('GET', `/api/v1/conversations/${id}?limit=50`);
  if (state.open?.id !== id) return;
  state.open.conversation = details.conversation;
  state.open.customer = details.customer;
  for (const m of details.messages) state.open.messages.set(m.messageId, m);
  state.lastSeq = Math.max(state.lastSeq, details.conversation.lastSequence);
  renderConversation();
}

// ---- live events ----
function enqueue(work) {
  state.eventChain = state.eventChain.then(work).catch((error) => console.warn('event handling failed', error));
  return state.eventChain;
}

/** Asks the hub for every event of the open conversation after the last one applied. */
function catchUp() {
  return enqueue(async () => {
    const hub = state.hub;
    if (!state.open || hub?.state !== 'Connected') return;
    const id = state.open.id;
    const missed = await hub.invoke('GetMissedEvents', id, state.lastSeq);
    for (const ev of missed) applyToOpen(ev);
  });
}

/** Whether a conversation belongs on the current tab (the same filter the list request uses). */
function onTab(c) {
  const statuses = { queued: ['queued'], mine: ['queued', 'assigned'], bot: ['bot'], all: ['bot', 'queued', 'assigned'] }[state.tab];
  if (!statuses.includes(c.status)) return false;
  return state.tab !== 'mine' || c.assigneeId === state.me?.operatorId;
}

/** A colleague took over (or a supervisor changed) a conversation that was mine: say so, whatever is open. */
function noticeTakeOver(ev) {
  const item = ev.message;
  if (ev.type !== 'conversation.taken_over' || item?.metadata?.previousAssigneeId !== state.me?.operatorId) return;
  const box = $('notice');
  box.replaceChildren(el('span', {}, item.text), ' ', el('button', { type: 'button', onclick: () => openConversation(ev.conversationId) }, 'Open'),
    ' ', el('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'Dismiss'));
  box.hidden = false;
}

function onEvent(ev) {
  noticeTakeOver(ev);
  if (ev.conversation && !onTab(ev.conversation)) {
    for (const li of $('queue-list').querySelectorAll('li')) if (li.dataset.conversationId === ev.conversationId) li.remove();
  }
  if (ev.type !== 'message.delivery' && ev.type !== 'message.bot_decision') scheduleQueueReload();
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

function applyToOpen(ev) {
  const open = state.open;
  if (!open || ev.conversationId !== open.id || ev.sequence <= state.lastSeq) return;
  state.lastSeq = ev.sequence;
  if (ev.conversation) open.conversation = ev.conversation;
  if (ev.type === 'conversation.merged') { refreshOpen(); return; }
  if (ev.message) open.messages.set(ev.message.messageId, ev.message);
  renderHeader();
  if (ev.message) renderTimeline();
}

function showCallPop(pop) {
  const call = pop.call || {};
  const box = $('callpop');
  if (call.stage && call.stage !== 'ringing') {
    if (box.dataset.callId === call.callId) box.hidden = true;
    return;
  }
  const orders = pop.openOrders || [];
  const customer = pop.customer;
  const conversationId = pop.conversation?.conversationId;
  box.dataset.callId = call.callId || '';
  box.replaceChildren(
    el('div', {},
      el('h3', {}, 'Incoming call'),
      el('div', { class: 'caller' }, call.callerDisplay || 'Number withheld'),
      el('div', { class: 'customer-name' }, customer?.name || 'unknown caller'),
      pop.canCreateCustomer ? el('div', { class: 'muted' }, 'Not in the customer base yet') : null),
    el('div', {},
      el('strong', {}, 'Open orders'),
      orders.length
        ? el('ul', {}, orders.map((o) => el('li', {}, `№ ${o.number}: ${o.status}`,
          o.delivery ? ` · ${o.delivery}` : '', o.tracking ? ` · ${o.tracking}` : '')))
        : el('div', { class: 'muted' }, 'none')),
    el('div', { class: 'actions' },
      conversationId ? el('button', { type: 'button', onclick: () => openConversation(conversationId) }, 'Open conversation') : null,
      el('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'Dismiss')),
  );
  box.hidden = false;
}

function setConnection(text, cls) {
  $('connection').textContent = text;
  $('connection').className = `connection ${cls}`;
}

async function connectHub() {
  if (state.hub) return;
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/inbox')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10000, 500 * 2 ** ctx.previousRetryCount) })
    .build();
  state.hub = hub;
  hub.on('event', onEvent);
  hub.on('callPop', showCallPop);
  // Supervisors receive operators' presence (docs/routing.md); the console has no presence panel yet, so it is heard and dropped.
  hub.on('presence', () => {});
  hub.onreconnecting(() => { setConnection('reconnecting…', 'offline'); checkSession(); });
  hub.onreconnected(() => resync(hub));
  hub.onclose(() => {
    if (state.hub !== hub) return; // logged out
    setConnection('offline', 'offline');
    state.hub = null;
    setTimeout(() => { if (!$('console').hidden) connectHub(); }, 2000);
  });
  try {
    await hub.start();
  } catch (error) {
    state.hub = null;
    setConnection('offline', 'offline');
    if (!(await checkSession())) return;
    setTimeout(() => { if (!$('console').hidden) connectHub(); }, 2000);
    return;
  }
  await resync(hub);
}

/** The session may have ended (logged out elsewhere, expired, the operator disabled): then back to the login form. */
async function checkSession() {
  try {
    const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    if (response.status === 401) { showLogin(); return false; }
  } catch { /* offline: keep trying */ }
  return true;
}

/** After (re)connecting: watch the open conversation again and catch up on everything missed. */
async function resync(hub) {
  setConnection('live', 'online');
  if (state.open) await hub.invoke('Watch', state.open.id).catch(() => {});
  await catchUp();
  scheduleQueueReload();
}

// For tests and debugging.
window.inboxConsole = { state };

start();
