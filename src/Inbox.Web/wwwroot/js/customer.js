// The customer card on the right: identities by channel with their reachability, open orders, link suggestions, past
// conversations and notes, and (supervisors, admins) merge and unmerge. It is drawn from state.open.customer; what the
// card asks the API for separately (orders, history, suggestions) is loaded when a conversation opens or is refreshed.
import { $, el } from './dom.js';
import { t, tOr, time } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';
import { openConversation } from './conversation.js';

// The channels that write to each kind of identity (a phone: SMS and WhatsApp; calls are not written to).
const CHANNELS_OF = { phone: ['sms', 'whatsapp'], telegram: ['telegram'], vk: ['vk'], email: ['email'], api: ['api'] };
const KIND_ORDER = ['phone', 'telegram', 'vk', 'whatsapp', 'email', 'api'];

// What was loaded for the customer on the card. customerId says whose it is: another customer's data is never drawn.
let card = emptyCard(null);
let historyTimer = null;
let highlight = null; // { conversationId, messageId } to show once the conversation is open

function emptyCard(customerId) {
  return {
    customerId,
    orders: { state: 'loading', list: [], error: '' },
    history: { state: 'loading', conversations: [], notes: [], error: '' },
    suggestions: { state: 'loading', list: [], error: '' },
    names: new Map(),     // merged customer id -> name
    search: { q: '', results: null, error: '' },
    confirm: null,        // { action: 'merge' | 'unmerge' | 'link', customerId?, identity?, label }
    result: null,         // { ok: bool, text }
    busy: false,
  };
}

const isSupervisor = () => ['supervisor', 'admin'].includes(state.me?.role);

export function renderCustomer() {
  const customer = state.open?.customer;
  const box = $('customer-card');
  if (!customer) { box.replaceChildren(el('p', { class: 'muted' }, t('customer.none'))); return; }
  // Another customer: nothing of the previous one is drawn; 'opened' (which follows) loads this one's.
  if (card.customerId !== customer.customerId) card = emptyCard(customer.customerId);
  // The card is drawn again whenever a part of it arrives: the field being typed in keeps its focus and caret.
  const focused = box.contains(document.activeElement) && document.activeElement.id ? document.activeElement : null;
  box.replaceChildren(...[
    el('h3', {}, customer.name || t('customer.unknown')),
    resultBox(),
    identitiesSection(customer),
    ordersSection(),
    suggestionsSection(),
    isSupervisor() ? mergeSection(customer) : null,
    pastSection(),
    notesSection(),
  ].filter(Boolean));
  const again = focused && document.getElementById(focused.id);
  if (again && again !== focused) {
    again.focus();
    if (typeof focused.selectionStart === 'number') again.setSelectionRange(focused.selectionStart, focused.selectionEnd);
  }
}

function section(id, titleKey, ...children) {
  return el('section', { class: 'card-section', id }, el('h4', {}, t(titleKey)), ...children);
}

function identitiesSection(customer) {
  const unreachableOn = customer.unreachableOn || {};
  const reasons = (identity) => Object.entries(unreachableOn)
    .filter(([, identities]) => identities[identity])
    .map(([channel, identities]) => ({ channel, reason: identities[identity] }));
  const groups = new Map();
  for (const identity of customer.identities || []) {
    const kind = String(identity).split(':')[0];
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(identity);
  }
  const kinds = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  const count = Object.values(unreachableOn).reduce((n, identities) => n + Object.keys(identities).length, 0);
  return section('customer-identities', 'customer.identities',
    kinds.map((kind) => el('div', { class: 'identity-group', dataset: { kind } },
      el('div', { class: 'muted kind' }, tOr(`customer.kind.${kind}`, kind)),
      el('ul', { class: 'identities' }, groups.get(kind).map((identity) => {
        const blocked = reasons(identity);
        const reach = blocked.length
          ? blocked.map(({ channel, reason }) => el('span', { class: 'unreachable' }, t('customer.unreachableBy', { channel: tOr(`customer.channel.${channel}`, channel), reason })))
          : el('span', { class: 'reachable' }, ' — ', t('customer.reachable'));
        const channels = (CHANNELS_OF[kind] || [])
          .filter((c) => !blocked.some((b) => b.channel === c))
          .map((c) => tOr(`customer.channel.${c}`, c));
        return el('li', { class: blocked.length ? 'identity is-unreachable' : 'identity', dataset: { identity, reachable: blocked.length ? 'false' : 'true' } },
          identity, reach,
          blocked.length && channels.length ? el('span', { class: 'reachable' }, ' ', t('customer.reachableOn', { channels: channels.join(', ') })) : null);
      })))),
    count ? el('div', { class: 'unreachable' }, t('customer.unreachableCount', { n: count })) : null);
}

const rank = (kind) => { const i = KIND_ORDER.indexOf(kind); return i < 0 ? KIND_ORDER.length : i; };

function ordersSection() {
  const o = card.orders;
  let body;
  if (o.state === 'loading') body = el('p', { class: 'muted' }, t('customer.loading'));
  else if (o.state === 'error') body = el('p', { class: 'error', id: 'customer-orders-error' }, t('customer.ordersUnavailable', { reason: o.error }));
  else if (!o.list.length) body = el('p', { class: 'muted' }, t('customer.noOrders'));
  else {
    body = el('ul', { class: 'orders' }, o.list.map((order) => el('li', { class: 'order', dataset: { order: order.number } },
      t('call.order', { number: order.number, status: order.status }),
      order.delivery ? ` · ${order.delivery}` : '', order.tracking ? ` · ${order.tracking}` : '')));
  }
  return section('customer-orders', 'customer.openOrders', body);
}

function suggestionsSection() {
  const s = card.suggestions;
  if (s.state === 'loading' || (s.state === 'ok' && !s.list.length)) return null;
  if (s.state === 'error') return section('customer-suggestions', 'customer.suggestions', el('p', { class: 'error' }, s.error));
  return section('customer-suggestions', 'customer.suggestions',
    el('ul', {}, s.list.map((suggestion) => {
      const owner = suggestion.ownerCustomerId;
      let action;
      if (!owner) {
        action = el('button', { type: 'button', class: 'link-identity', disabled: card.busy ? 'disabled' : null,
          onclick: () => run('link', () => linkIdentity(suggestion.identity)) }, t('customer.confirmLink'));
      } else if (isSupervisor()) {
        action = el('button', { type: 'button', class: 'merge-suggested', disabled: card.busy ? 'disabled' : null,
          onclick: () => askConfirm({ action: 'merge', customerId: owner, label: suggestion.identity }) }, t('customer.mergeOwner'));
      } else {
        action = el('span', { class: 'muted' }, t('customer.ownedByOther'));
      }
      return el('li', { class: 'suggestion', dataset: { identity: suggestion.identity } },
        el('strong', {}, suggestion.identity), ' ', el('span', { class: 'muted' }, suggestion.reason), ' ', action);
    })));
}

function mergeSection(customer) {
  const s = card.search;
  const merged = customer.merged || [];
  const form = el('form', { class: 'merge-search', onsubmit: (e) => { e.preventDefault(); searchCustomers(e.target.elements.q.value); } },
    el('input', { name: 'q', id: 'customer-merge-q', value: s.q, oninput: (e) => { s.q = e.target.value; }, placeholder: t('customer.mergeSearchPlaceholder'), 'aria-label': t('customer.mergeSearchPlaceholder') }),
    el('button', { type: 'submit' }, t('customer.mergeSearch')));
  const results = s.results === null ? null
    : s.results.length === 0 ? el('p', { class: 'muted' }, t('customer.mergeNoResults'))
      : el('ul', { class: 'merge-results' }, s.results.map((r) => el('li', { dataset: { customerId: r.customerId } },
        r.name || t('customer.unknown'), ' ', el('span', { class: 'muted' }, (r.identities || []).join(', ')), ' ',
        el('button', { type: 'button', class: 'merge-candidate', onclick: () => askConfirm({ action: 'merge', customerId: r.customerId, label: r.name || (r.identities || [])[0] || r.customerId }) },
          t('customer.merge')))));
  const unmerge = merged.length
    ? el('ul', { class: 'merged' }, merged.map((id) => el('li', { dataset: { customerId: id } },
      t('customer.mergedFrom', { name: card.names.get(id) || id }), ' ',
      el('button', { type: 'button', class: 'unmerge', onclick: () => askConfirm({ action: 'unmerge', customerId: id, label: card.names.get(id) || id }) },
        t('customer.unmerge')))))
    : null;
  return section('customer-merge', 'customer.mergeTitle',
    confirmBox(customer),
    el('p', { class: 'muted' }, t('customer.mergeHint')), form, s.error ? el('p', { class: 'error' }, s.error) : null, results, unmerge);
}

function confirmBox(customer) {
  const c = card.confirm;
  if (!c) return null;
  const question = c.action === 'merge'
    ? t('customer.confirmMerge', { other: c.label, name: customer.name || t('customer.unknown') })
    : t('customer.confirmUnmerge', { other: c.label, name: customer.name || t('customer.unknown') });
  return el('div', { class: 'confirm', role: 'alertdialog', id: 'customer-confirm' },
    el('p', {}, question),
    el('button', { type: 'button', class: 'confirm-yes', disabled: card.busy ? 'disabled' : null, onclick: () => confirmed() }, t(c.action === 'merge' ? 'customer.confirmMergeYes' : 'customer.confirmUnmergeYes')),
    ' ',
    el('button', { type: 'button', class: 'confirm-no', onclick: () => { card.confirm = null; renderCustomer(); } }, t('customer.cancel')));
}

function resultBox() {
  const r = card.result;
  return r ? el('p', { class: r.ok ? 'ok' : 'error', id: 'customer-result', role: 'status' }, r.text) : null;
}

function pastSection() {
  const h = card.history;
  let body;
  if (h.state === 'loading') body = el('p', { class: 'muted' }, t('customer.loading'));
  else if (h.state === 'error') body = el('p', { class: 'error' }, h.error);
  else if (!h.conversations.length) body = el('p', { class: 'muted' }, t('customer.noPast'));
  else {
    body = el('ul', { class: 'past' }, h.conversations.map((p) => el('li', {},
      el('button', { type: 'button', class: 'past-conversation', dataset: { conversationId: p.conversationId, messageId: p.firstMessageId || '' },
        onclick: () => openPast(p) },
      el('span', { class: 'muted' }, t('customer.pastWhen', { date: time(p.startedAt), channel: tOr(`customer.channel.${p.channel}`, p.channel) })),
      el('span', { class: 'preview' }, p.preview || t('customer.noPreview'))))));
  }
  return section('customer-past', 'customer.past', body);
}

function notesSection() {
  const h = card.history;
  if (h.state !== 'ok') return null;
  return section('customer-notes', 'customer.notes',
    h.notes.length
      ? el('ul', { class: 'notes' }, h.notes.map((n) => el('li', { class: 'customer-note' },
        el('div', { class: 'muted' }, `${n.authorName || t('timeline.operator')} · ${time(n.createdAt)}`), el('div', {}, n.text))))
      : el('p', { class: 'muted' }, t('customer.noNotes')));
}

/** Opens a past conversation and shows its first message (when it is on the page loaded). */
async function openPast(past) {
  highlight = past.firstMessageId ? { conversationId: past.conversationId, messageId: past.firstMessageId } : null;
  if (state.open?.id === past.conversationId) showHighlight();
  else await openConversation(past.conversationId);
}

function showHighlight() {
  if (!highlight || state.open?.id !== highlight.conversationId) return;
  const item = document.querySelector(`#timeline li[data-message-id="${CSS.escape(highlight.messageId)}"]`);
  highlight = null;
  if (!item) return;
  for (const old of document.querySelectorAll('#timeline li.customer-highlight')) old.classList.remove('customer-highlight');
  item.classList.add('customer-highlight');
  item.scrollIntoView({ block: 'center' });
}

/** Loads orders, past conversations and notes, and suggestions for the customer now on the card. */
function loadExtras() {
  const customer = state.open?.customer;
  if (!customer) return;
  const id = customer.customerId;
  // The same customer again (a refresh): what is shown stays until the new answers replace it.
  if (card.customerId !== id) card = emptyCard(id);
  const epoch = state.epoch;
  const mine = () => epoch === state.epoch && card.customerId === id && state.open?.customer?.customerId === id;
  const load = async (key, path, apply) => {
    try { const answer = await api('GET', path); if (mine()) apply(answer); } catch (error) {
      if (!mine()) return;
      card[key].state = 'error';
      card[key].error = error.message;
    }
    if (mine()) renderCustomer();
  };
  load('orders', `/api/v1/customers/${id}/orders`, (list) => { card.orders = { state: 'ok', list: list || [], error: '' }; });
  loadHistory();
  load('suggestions', `/api/v1/customers/${id}/suggestions`, (list) => { card.suggestions = { state: 'ok', list: list || [], error: '' }; });
  for (const other of customer.merged || []) {
    if (card.names.has(other)) continue;
    api('GET', `/api/v1/customers/${other}`).then((details) => {
      if (!mine()) return;
      card.names.set(other, details.customer?.name || (details.customer?.identities || [])[0] || other);
      renderCustomer();
    }).catch(() => {});
  }
}

async function loadHistory() {
  const id = card.customerId;
  const epoch = state.epoch;
  try {
    const history = await api('GET', `/api/v1/customers/${id}/history`);
    if (epoch !== state.epoch || card.customerId !== id) return;
    card.history = { state: 'ok', conversations: history.conversations || [], notes: history.notes || [], error: '' };
  } catch (error) {
    if (epoch !== state.epoch || card.customerId !== id) return;
    card.history = { ...card.history, state: 'error', error: error.message };
  }
  if (state.open?.customer?.customerId === id) renderCustomer();
}

async function searchCustomers(q) {
  card.search = { q, results: null, error: '' };
  const text = q.trim();
  if (!text) { renderCustomer(); return; }
  const id = card.customerId;
  try {
    const results = await api('GET', `/api/v1/customers?q=${encodeURIComponent(text)}&limit=10`);
    if (card.customerId !== id) return;
    card.search.results = (results || []).filter((r) => r.customerId !== id);
  } catch (error) {
    if (card.customerId !== id) return;
    card.search.error = error.message;
  }
  renderCustomer();
}

function askConfirm(confirm) {
  card.confirm = confirm;
  card.result = null;
  renderCustomer();
}

async function confirmed() {
  const c = card.confirm;
  if (!c) return;
  await run(c.action, async () => {
    const id = card.customerId;
    const result = await api('POST', `/api/v1/customers/${id}/${c.action}`, { customerId: c.customerId });
    card.confirm = null;
    card.search = { q: '', results: null, error: '' };
    card.result = { ok: true, text: t(c.action === 'merge' ? 'customer.merged' : 'customer.unmerged', { other: c.label, n: (result?.identities || []).length }) };
  });
}

async function linkIdentity(identity) {
  const result = await api('POST', `/api/v1/customers/${card.customerId}/identities`, { identity });
  card.result = { ok: true, text: t('customer.linked', { identity }) };
  if (state.open?.customer && result) state.open.customer = { ...state.open.customer, ...result };
}

/** Runs a change of the customer, says how it went, and reads the open conversation again (its card and timeline). */
async function run(action, work) {
  if (card.busy) return;
  card.busy = true;
  const epoch = state.epoch;
  renderCustomer();
  try {
    await work();
  } catch (error) {
    if (epoch !== state.epoch) return;
    card.result = { ok: false, text: t('customer.actionFailed', { reason: error.message }) };
    card.confirm = null;
  } finally {
    card.busy = false;
  }
  if (epoch !== state.epoch) return;
  const keep = card.result;
  if (state.open) {
    // Reloading the conversation emits 'opened', which reloads the card's extras; the result stays shown.
    await openConversation(state.open.id).catch(() => {});
    card.result = keep;
  }
  renderCustomer();
}

on('opened', () => {
  if (!state.open?.customer) return;
  loadExtras();
  renderCustomer();
  showHighlight();
});
on('event', (ev) => {
  if (!state.open || ev.conversationId !== state.open.id) return;
  const kind = ev.message?.kind;
  if (kind !== 'note' && kind !== 'inbound' && ev.type !== 'conversation.changed') return;
  clearTimeout(historyTimer);
  historyTimer = setTimeout(() => { if (state.open) loadHistory(); }, 500);
});
on('language', () => { if (state.open) renderCustomer(); });
on('logout', () => {
  clearTimeout(historyTimer);
  card = emptyCard(null);
  highlight = null;
  $('customer-card').replaceChildren();
});
