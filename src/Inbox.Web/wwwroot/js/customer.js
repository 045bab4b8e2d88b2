// The customer card on the right.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

export function renderCustomer() {
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
