// Missed calls: a count in the top bar (#header-calls) that opens the list (#missed-calls), each with the caller, the time
// and the customer when known, "Acknowledge" and "Call back". They arrive live as the ended call's 'callPop' (to every
// console), and an acknowledged call leaves every console's list the same way. Inbox does not dial: "Call back" opens the
// customer's conversation (creating the customer first for an unknown number) and offers a tel: link for the phone.
import { $, el } from './dom.js';
import { t, time } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';
import { openConversation } from './conversation.js';

let calls = new Map();   // callId -> CallInfo, missed and not acknowledged
let names = new Map();   // customerId -> name (or first identity)
let created = new Map(); // callId -> the customer created for an unknown caller
let notes = new Map();   // callId -> { ok, text } said under the call
let open = false;
let busy = new Set();

function sorted() {
  const at = (c) => new Date(c.endedAt || c.ringingAt).getTime();
  return [...calls.values()].sort((a, b) => at(b) - at(a));
}

function renderHeader() {
  const box = $('header-calls');
  const n = calls.size;
  if (!state.me || !n) { box.replaceChildren(); if (!n) hideList(); return; }
  box.replaceChildren(el('button', {
    type: 'button', id: 'missed-calls-toggle', class: 'missed-count', 'aria-expanded': open ? 'true' : 'false',
    onclick: () => { open = !open; render(); },
  }, t('customer.missedCount', { n })));
}

function hideList() { open = false; $('missed-calls').hidden = true; $('missed-calls').replaceChildren(); }

function renderList() {
  const box = $('missed-calls');
  if (!open || !calls.size || !state.me) { hideList(); return; }
  box.hidden = false;
  box.replaceChildren(
    el('div', { class: 'missed-head' },
      el('h3', {}, t('customer.missedTitle')),
      el('button', { type: 'button', class: 'missed-close', onclick: () => { open = false; render(); } }, t('customer.missedClose'))),
    el('p', { class: 'muted' }, t('customer.missedHint')),
    el('ul', { class: 'missed-list' }, sorted().map(renderCall)));
}

function renderCall(call) {
  const customerId = call.customerId || created.get(call.callId)?.customerId;
  const who = customerId
    ? (names.get(customerId) || t('customer.missedKnown'))
    : t('call.unknownCaller');
  const note = notes.get(call.callId);
  const working = busy.has(call.callId);
  return el('li', { class: 'missed-call', dataset: { callId: call.callId } },
    el('div', {},
      el('strong', { class: 'caller' }, call.callerDisplay || t('call.withheld')), ' · ',
      el('span', { class: 'customer-name' }, who), ' · ',
      el('span', { class: 'muted when' }, time(call.endedAt || call.ringingAt))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'acknowledge', disabled: working ? 'disabled' : null, onclick: () => acknowledge(call) }, t('customer.missedAcknowledge')),
      call.callerE164 || customerId
        ? el('button', { type: 'button', class: 'call-back', disabled: working ? 'disabled' : null, onclick: () => callBack(call) }, t('customer.missedCallBack'))
        : null,
      call.callerE164 ? el('a', { class: 'tel', href: `tel:${call.callerE164}` }, t('customer.missedDial', { phone: call.callerE164 })) : null),
    note ? el('div', { class: note.ok ? 'ok' : 'error' }, note.text) : null);
}

function render() { renderHeader(); renderList(); }

async function load() {
  const epoch = state.epoch;
  try {
    const list = await api('GET', '/api/v1/calls?missed=true&limit=100');
    if (epoch !== state.epoch) return;
    calls = new Map((list || []).filter((c) => c.missed && !c.acknowledged).map((c) => [c.callId, c]));
  } catch (error) {
    console.warn('missed calls not loaded', error);
    return;
  }
  for (const call of calls.values()) if (call.customerId) nameOf(call.customerId);
  render();
}

function nameOf(customerId) {
  if (names.has(customerId)) return;
  names.set(customerId, null);
  const epoch = state.epoch;
  api('GET', `/api/v1/customers/${customerId}`).then((details) => {
    if (epoch !== state.epoch) return;
    names.set(customerId, details.customer?.name || (details.customer?.identities || [])[0] || null);
    render();
  }).catch(() => names.delete(customerId));
}

async function acknowledge(call) {
  if (busy.has(call.callId)) return;
  busy.add(call.callId);
  render();
  try {
    await api('POST', `/api/v1/calls/${encodeURIComponent(call.callId)}/acknowledge`);
    calls.delete(call.callId);
    notes.delete(call.callId);
  } catch (error) {
    notes.set(call.callId, { ok: false, text: t('customer.actionFailed', { reason: error.message }) });
  } finally {
    busy.delete(call.callId);
  }
  render();
}

/**
 * Call back: a known customer's conversation opens (the tel: link dials from the operator's own phone); an unknown
 * number becomes a customer first (POST /api/v1/customers with the phone), then their conversation opens if they have one.
 */
async function callBack(call) {
  if (busy.has(call.callId)) return;
  busy.add(call.callId);
  render();
  let customerId = call.customerId || created.get(call.callId)?.customerId;
  try {
    if (!customerId) {
      const customer = await api('POST', '/api/v1/customers', { identities: [call.callerE164] });
      customerId = customer.customerId;
      created.set(call.callId, customer);
      names.set(customerId, (customer.identities || [])[0] || call.callerE164);
      notes.set(call.callId, { ok: true, text: t('customer.missedCreated', { phone: call.callerE164 }) });
    }
    // A customer just created has no conversation until they write or call again: then the tel: link is the way.
    const hasConversation = await api('GET', `/api/v1/conversations/${customerId}?limit=1`).then(() => true, () => false);
    if (hasConversation) await openConversation(customerId);
    else if (!notes.has(call.callId)) notes.set(call.callId, { ok: true, text: t('customer.missedNoConversation') });
  } catch (error) {
    notes.set(call.callId, { ok: false, text: t('customer.actionFailed', { reason: error.message }) });
  } finally {
    busy.delete(call.callId);
  }
  render();
}

on('callPop', (pop) => {
  const call = pop?.call;
  if (!call?.callId) return;
  if (call.missed && !call.acknowledged && call.stage === 'ended') {
    calls.set(call.callId, call);
    if (pop.customer?.customerId) names.set(pop.customer.customerId, pop.customer.name || (pop.customer.identities || [])[0] || null);
    else if (call.customerId) nameOf(call.customerId);
  } else if (call.acknowledged) {
    calls.delete(call.callId);
    notes.delete(call.callId);
  } else return;
  render();
});
on('started', load);
on('connected', () => { if (state.me) load(); });
on('language', render);
on('logout', () => {
  calls = new Map(); names = new Map(); created = new Map(); notes = new Map(); busy = new Set();
  open = false;
  $('header-calls').replaceChildren();
  hideList();
});
