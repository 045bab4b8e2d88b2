// Unread counts: a badge on each list item with the customer's messages this operator has not seen, and the total (the
// queue and my conversations) in the page title, "(3) Inbox". Read markers live on the server per operator
// (POST /conversations/{id}/read), so every browser of the operator agrees; opening a conversation, and new events while
// it is open and the page visible, move the marker.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';

let total = 0;
let request = 0;
const counts = new Map(); // conversationId -> unread, as last heard from the server
const marked = new Map(); // conversationId -> the sequence last sent as read
let markTimer = null;
let seen = { id: null, sequence: 0 }; // the newest event of the open conversation heard live (live.js may not have applied it yet)

/** The title with the total in front; i18n.js sets it plain on every language change. */
function applyTitle() {
  document.title = state.me && total > 0 ? t('unread.title', { n: total, title: t('app.title') }) : t('app.title');
}

const visible = () => document.visibilityState === 'visible';

/** Badges on the list's items: none for the conversation open on a visible page (its marker is on its way). */
function decorate() {
  for (const li of $('queue-list').querySelectorAll('li[data-conversation-id]')) {
    const id = li.dataset.conversationId;
    const n = state.open?.id === id && visible() ? 0 : counts.get(id) || 0;
    li.classList.toggle('has-unread', n > 0);
    const badge = li.querySelector('.unread');
    if ((badge?.dataset.unread ?? '0') === String(n)) continue; // unchanged: left as it is under the pointer
    badge?.remove();
    if (n > 0) {
      (li.querySelector('.name') || li).append(el('span', {
        class: 'badge unread', dataset: { unread: String(n) }, title: t('unread.badge', { n }), 'aria-label': t('unread.badge', { n }),
      }, String(n)));
    }
  }
}

/** Asks the counts of the listed conversations and the total. */
async function refresh() {
  if (!state.me) return;
  const epoch = state.epoch;
  const mine = ++request;
  const ids = [...$('queue-list').querySelectorAll('li[data-conversation-id]')].map((li) => li.dataset.conversationId);
  let page;
  try {
    page = await api('GET', `/api/v1/conversations/unread?ids=${ids.slice(0, 200).join(',')}`);
  } catch (error) {
    console.warn('unread counts not loaded', error);
    return;
  }
  if (epoch !== state.epoch || mine !== request) return; // logged out, or a newer answer is coming
  for (const item of page.items) counts.set(item.conversationId, item.unread);
  total = page.total;
  decorate();
  applyTitle();
}

/** Moves the marker of the open conversation to what is on screen, when the page is seen; then counts again. */
function markOpenRead() {
  clearTimeout(markTimer);
  markTimer = setTimeout(async () => {
    const open = state.open;
    if (!open || !visible()) return;
    const sequence = Math.max(state.lastSeq, seen.id === open.id ? seen.sequence : 0);
    if ((marked.get(open.id) ?? -1) >= sequence) return;
    marked.set(open.id, sequence);
    const epoch = state.epoch;
    try {
      await api('POST', `/api/v1/conversations/${open.id}/read`, { sequence });
    } catch (error) {
      marked.delete(open.id);
      console.warn('read marker not saved', error);
      return;
    }
    if (epoch === state.epoch) { counts.set(open.id, 0); refresh(); }
  }, 200);
}

on('queueRendered', () => { decorate(); refresh(); });
on('opened', () => { decorate(); markOpenRead(); });
on('event', (ev) => {
  if (!state.open || ev.conversationId !== state.open.id) return;
  if (seen.id !== ev.conversationId || ev.sequence > seen.sequence) seen = { id: ev.conversationId, sequence: ev.sequence };
  if (ev.type === 'message.created') markOpenRead();
});
document.addEventListener('visibilitychange', () => { if (visible() && state.open) { decorate(); markOpenRead(); } });
on('language', () => { applyTitle(); decorate(); });
on('logout', () => {
  request++;
  clearTimeout(markTimer);
  counts.clear();
  marked.clear();
  seen = { id: null, sequence: 0 };
  total = 0;
  applyTitle();
});
