// The phone's one column (app.css, max-width 700px): the list; opening a conversation shows only the conversation, with
// a back button to the list and a button to the customer card (which has its own back button). On a wide screen the
// class on .layout changes nothing and the bar is hidden.
import { $, el } from './dom.js';
import { applyStaticTexts } from './i18n.js';
import { on } from './bus.js';
import { state } from './state.js';

const layout = document.querySelector('.layout');
const VIEWS = ['list', 'conversation', 'customer'];

/** Which column a phone shows: the list, the conversation or the customer card. */
export function showView(view) {
  for (const v of VIEWS) layout.classList.toggle(`phone-${v}`, v === view);
  if (view === 'list') {
    const li = state.open && document.querySelector(`#queue-list li[data-conversation-id="${CSS.escape(state.open.id)}"]`);
    if (li) li.scrollIntoView({ block: 'nearest' });
  }
}

const button = (id, key, onclick) => el('button', { type: 'button', id, class: 'phone-nav', 'data-i18n': key, onclick });

const conversationBar = el('div', { class: 'phone-bar', id: 'phone-conversation-bar' },
  button('phone-back', 'list.phone.back', () => showView('list')),
  button('phone-customer', 'list.phone.customer', () => showView('customer')));
const customerBar = el('div', { class: 'phone-bar', id: 'phone-customer-bar' },
  button('phone-customer-back', 'list.phone.backToConversation', () => showView('conversation')));
$('conversation').prepend(conversationBar);
// The customer card is redrawn by its own part: its bar is the grid item just before it.
$('customer-card').before(customerBar);

// A conversation chosen in the list (click, Enter, a shortcut, a notice) is shown; a refresh of the open one keeps the view.
let shownId = null;
let chosen = false;
$('queue-list').addEventListener('click', (e) => { if (e.target.closest('li') && !e.target.closest('button')) chosen = true; }, true);
$('queue-list').addEventListener('keydown', (e) => { if (e.key === 'Enter') chosen = true; }, true);
on('opened', () => {
  if (!state.open) return;
  if (chosen || state.open.id !== shownId) showView('conversation');
  chosen = false;
  shownId = state.open.id;
});
on('language', () => { applyStaticTexts(conversationBar); applyStaticTexts(customerBar); });
on('started', () => { applyStaticTexts(conversationBar); applyStaticTexts(customerBar); });
on('logout', () => { shownId = null; chosen = false; showView('list'); });
showView('list');
