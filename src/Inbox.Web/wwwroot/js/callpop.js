// The incoming call banner with the caller's open orders (screen pop), shown while the call rings.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { on } from './bus.js';
import { state } from './state.js';
import { openConversation } from './conversation.js';

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

on('callPop', showCallPop);
on('language', () => { if (state.callPop && !$('callpop').hidden) showCallPop(state.callPop); });
on('logout', () => { $('callpop').hidden = true; });
