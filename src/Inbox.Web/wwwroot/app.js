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

// ---- language: every text a user sees is in i18n/en.json and i18n/ru.json ----
const LANGUAGES = ['en', 'ru'];
const LANGUAGE_KEY = 'inbox.lang';
const i18n = { lang: 'en', texts: {}, cache: {} };

/** The remembered choice, else the browser's language: Russian for ru-*, English for anything else. */
function preferredLanguage() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().split('-')[0] === 'ru' ? 'ru' : 'en';
}

async function loadTexts(lang) {
  if (!i18n.cache[lang]) {
    const response = await fetch(`i18n/${lang}.json`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`i18n/${lang}.json: ${response.status}`);
    i18n.cache[lang] = await response.json();
  }
  return i18n.cache[lang];
}

/** The text for a key in the chosen language; {name} placeholders are filled from params, plurals chosen by params.n. */
function t(key, params = {}) {
  let text = i18n.texts[key] ?? key;
  if (typeof text === 'object') text = text[new Intl.PluralRules(i18n.lang).select(params.n ?? 0)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] ?? whole));
}

/** A translation when there is one (status, intent, delivery values from the API), else the value itself. */
const tOr = (key, fallback) => (key in i18n.texts ? t(key) : fallback);

const time = (iso) => (iso ? new Date(iso).toLocaleString(i18n.lang, { dateStyle: 'short', timeStyle: 'medium' }) : '');

/** A waiting time: "45 s", "12 min", "1 h 5 min" (in the chosen language). */
function duration(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 1000));
  if (seconds < 60) return t('wait.seconds', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('wait.minutes', { m: minutes });
  return t('wait.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function applyStaticTexts() {
  document.documentElement.lang = i18n.lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const select of document.querySelectorAll('select.lang')) {
    select.replaceChildren(...LANGUAGES.map((lang) => el('option', { value: lang, selected: lang === i18n.lang }, t(`lang.${lang}`))));
    select.value = i18n.lang;
  }
}

async function setLanguage(lang, remember) {
  i18n.texts = await loadTexts(lang);
  i18n.lang = lang;
  if (remember) localStorage.setItem(LANGUAGE_KEY, lang);
  applyStaticTexts();
  // What is on screen is drawn again from the data already here.
  setConnection(state.connection);
  renderMe();
  renderQueue();
  if (state.open) renderConversation();
  if (state.callPop && !$('callpop').hidden) showCallPop(state.callPop);
}

for (const select of document.querySelectorAll('select.lang')) {
  select.addEventListener('change', () => setLanguage(select.value, true));
}

/** A request to the API. A dropped network becomes a readable error (never an uncaught "Failed to fetch"). */
async function api(method, path, body, extraHeaders = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Error(t('error.network'));
  }
  if (response.status === 401) { showLogin(); throw new Error(t('error.notLoggedIn')); }
  if (!response.ok) {
    let detail = t('error.http', { status: response.status, text: response.statusText });
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
  epoch: 0,          // bumped at every logout: answers to requests of the previous session are dropped
  queuePage: null,   // the last list shown, drawn again when the language changes
  teams: new Map(),  // team key -> name
  callPop: null,
  connection: 'connection.connecting',
  inFlight: new Set(), // 'messages' / 'notes' while that request is on its way
};

const TABS = {
  queued: 'status=queued',
  mine: 'status=queued,assigned&assignee=me',
  bot: 'status=bot',
  all: 'status=bot,queued,assigned',
};

// ---- login ----
// The session cookie is HttpOnly, so the page cannot see it: this flag says a login happened in this browser and no
// logout or 401 followed. Without it the page shows the login form at once instead of asking /auth/me for a 401.
const SESSION_KEY = 'inbox.session';

/** Back to the login form; nothing of the previous session stays on screen or in memory. */
function showLogin() {
  localStorage.removeItem(SESSION_KEY);
  state.epoch++;
  queueRequest++;
  if (state.hub) { const hub = state.hub; state.hub = null; hub.stop(); }
  state.me = null;
  state.open = null;
  state.lastSeq = 0;
  state.queuePage = null;
  state.callPop = null;
  callPreviews.clear();
  state.inFlight.clear();
  state.eventChain = Promise.resolve();
  state.tab = 'queued';
  for (const b of $('tabs').querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === 'queued');
  for (const id of ['queue-list', 'customer-card', 'timeline', 'handoff-card', 'me']) $(id).replaceChildren();
  for (const id of ['queue-total', 'queue-error', 'open-error', 'conv-error']) $(id).textContent = '';
  for (const id of ['reply-text', 'note-text']) $(id).value = '';
  $('callpop').hidden = true;
  $('notice').hidden = true;
  renderConversation();
  $('console').hidden = true;
  $('login').hidden = false;
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  let response;
  try {
    response = await fetch('/api/v1/auth/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: $('login-name').value, password: $('login-password').value }),
    });
  } catch {
    $('login-error').textContent = t('login.unreachable');
    return;
  }
  if (!response.ok) {
    $('login-error').textContent = t(response.status === 429 ? 'login.locked' : 'login.wrong');
    return;
  }
  localStorage.setItem(SESSION_KEY, '1');
  $('login-password').value = '';
  await start();
});

$('logout').addEventListener('click', async () => {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  showLogin();
});

function renderMe() {
  $('me').textContent = state.me
    ? t('header.me', { name: state.me.displayName || state.me.login, role: tOr(`role.${state.me.role}`, state.me.role) })
    : '';
}

async function start() {
  if (!localStorage.getItem(SESSION_KEY)) { showLogin(); return; }
  let response;
  try {
    response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
  } catch {
    // The server cannot be reached: the login form says so when it is used.
    $('console').hidden = true;
    $('login').hidden = false;
    return;
  }
  if (!response.ok) { showLogin(); return; }
  state.me = await response.json();
  renderMe();
  $('login').hidden = true;
  $('console').hidden = false;
  loadTeams();
  await loadQueue();
  await connectHub();
}

/** Team names for the list and the header (any operator may read them); without them the key is shown. */
async function loadTeams() {
  try {
    const teams = await api('GET', '/api/v1/teams');
    state.teams = new Map((teams || []).map((team) => [team.key, team.name]));
    renderQueue();
    if (state.open) renderHeader();
  } catch { /* the keys are shown */ }
}

const teamName = (key) => state.teams.get(key) || key;

// ---- queue ----
let queueTimer = null;
function scheduleQueueReload() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(loadQueue, 250);
}

$('tabs').addEventListener('click', (e) => {
  const tab = e.target.closest('button')?.dataset.tab;
  if (!tab) return;
  state.tab = tab;
  for (const b of $('tabs').querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === tab);
  $('queue-error').textContent = '';
  loadQueue();
});

let queueRequest = 0;
/** Loads the current tab's list. Failures are shown above the list, never thrown. */
async function loadQueue() {
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
function renderQueue() {
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

// Waiting times tick every second without asking the server.
setInterval(() => {
  for (const node of document.querySelectorAll('.wait[data-since]')) node.textContent = t('queue.waiting', { time: duration(node.dataset.since) });
}, 1000);

// ---- conversation ----
/** Opens a conversation; a failure (network, 404, 403) is said in the conversation column. */
async function openConversation(id) {
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

function renderHeader() {
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

function renderCustomer() {
  const customer = state.open.customer;
  if (!customer) { $('customer-card').replaceChildren(el('p', { class: 'muted' }, t('customer.none'))); return; }
  // channel -> identity -> reason: a phone can be unreachable by SMS and reachable on WhatsApp
  const unreachableOn = customer.unreachableOn || {};
  const notes = (identity) => Object.entries(unreachableOn)
    .filter(([, identities]) => identities[identity])
    .map(([channel, identities]) => el('span', { class: 'unreachable' }, t('customer.unreachableBy', { channel, reason: identities[identity] })));
  const count = Object.values(unreachableOn).reduce((n, identities) => n + Object.keys(identities).length, 0);
  $('customer-card').replaceChildren(...[
    el('h3', {}, customer.name || t('customer.unknown')),
    el('div', { class: 'muted' }, t('customer.identities')),
    el('ul', { class: 'identities' }, (customer.identities || []).map((i) => el('li', {}, i, ...notes(i)))),
    count
      ? el('div', { class: 'unreachable' }, t('customer.unreachableCount', { n: count }))
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

/** A random GUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function newGuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Sends a reply or a note. The button stays disabled while the request is on its way (a double click sends once), and
 * each click carries a new Idempotency-Key, so that a server keeping the keys can drop a repeated request.
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
  box.replaceChildren(el('span', {}, item.text), ' ', el('button', { type: 'button', onclick: () => openConversation(ev.conversationId) }, t('notice.open')),
    ' ', el('button', { type: 'button', onclick: () => { box.hidden = true; } }, t('notice.dismiss')));
  box.hidden = false;
}

function onEvent(ev) {
  noticeTakeOver(ev);
  noteCallPreview(ev);
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
  renderHandoff();
  if (ev.message) renderTimeline();
}

function showCallPop(pop) {
  const call = pop.call || {};
  const box = $('callpop');
  if (call.stage && call.stage !== 'ringing') {
    if (box.dataset.callId === call.callId) box.hidden = true;
    return;
  }
  state.callPop = pop;
  const orders = pop.openOrders || [];
  const customer = pop.customer;
  const conversationId = pop.conversation?.conversationId;
  box.dataset.callId = call.callId || '';
  box.replaceChildren(
    el('div', {},
      el('h3', {}, t('call.incoming')),
      el('div', { class: 'caller' }, call.callerDisplay || t('call.withheld')),
      el('div', { class: 'customer-name' }, customer?.name || t('call.unknownCaller')),
      pop.canCreateCustomer ? el('div', { class: 'muted' }, t('call.notInBase')) : null),
    el('div', {},
      el('strong', {}, t('call.openOrders')),
      orders.length
        ? el('ul', {}, orders.map((o) => el('li', {}, t('call.order', { number: o.number, status: o.status }),
          o.delivery ? ` · ${o.delivery}` : '', o.tracking ? ` · ${o.tracking}` : '')))
        : el('div', { class: 'muted' }, t('call.noOrders'))),
    el('div', { class: 'actions' },
      conversationId ? el('button', { type: 'button', onclick: () => openConversation(conversationId) }, t('call.openConversation')) : null,
      el('button', { type: 'button', onclick: () => { box.hidden = true; } }, t('call.dismiss'))),
  );
  box.hidden = false;
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
  } catch (error) {
    state.hub = null;
    setConnection('connection.offline');
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
  setConnection('connection.live');
  if (state.open) await hub.invoke('Watch', state.open.id).catch(() => {});
  await catchUp();
  scheduleQueueReload();
}

// For tests and debugging.
window.inboxConsole = { state, i18n };

setLanguage(preferredLanguage(), false).catch((error) => console.warn('texts not loaded', error)).finally(start);
