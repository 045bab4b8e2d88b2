// Collisions: who else has the open conversation open ("Anna is viewing") and who is typing a reply in it, live, in
// #conv-viewers. The hub sends 'viewers' (docs/live-events.md) whenever that changes, on any node; this console tells the
// hub when its operator types in the reply box (at most every few seconds), and the signal ends by itself on the server.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { on } from './bus.js';
import { state } from './state.js';
import { listenToHub } from './live.js';

/** How often a console says "typing" while its operator keeps typing; the server shows it for a few seconds more. */
const TYPING_EVERY_MS = 3000;

listenToHub('viewers');

let current = null; // { conversationId, viewers: [{ operatorId, name, typing }] } for the open conversation
let lastTyping = { id: null, at: 0 };

function render() {
  const box = $('conv-viewers');
  const colleagues = current && state.open && current.conversationId === state.open.id
    ? current.viewers.filter((v) => v.operatorId !== state.me?.operatorId) : [];
  box.replaceChildren(...colleagues.map((v) => el('span', {
    class: v.typing ? 'viewer typing' : 'viewer',
    dataset: { operatorId: v.operatorId, typing: v.typing ? 'true' : 'false' },
  }, t(v.typing ? 'collisions.typing' : 'collisions.viewing', { name: v.name }))));
  box.hidden = colleagues.length === 0;
}

on('viewers', (viewers) => {
  if (!viewers || !state.open || viewers.conversationId !== state.open.id) return;
  // The answer to Watch and a push of a later change may arrive in either order: the newest list wins.
  if (current && current.conversationId === viewers.conversationId && (viewers.version ?? 0) < (current.version ?? 0)) return;
  current = viewers;
  render();
});

// Another conversation opened: its viewers arrive from the hub once it is watched; until then nobody is shown.
on('opened', () => {
  if (current && current.conversationId !== state.open?.id) current = null;
  render();
});

$('reply-text').addEventListener('input', () => {
  const hub = state.hub;
  if (!state.open || hub?.state !== 'Connected' || !$('reply-text').value.trim()) return;
  const now = Date.now();
  if (lastTyping.id === state.open.id && now - lastTyping.at < TYPING_EVERY_MS) return;
  lastTyping = { id: state.open.id, at: now };
  hub.invoke('Typing', state.open.id).catch(() => {});
});

on('language', render);
on('logout', () => {
  current = null;
  lastTyping = { id: null, at: 0 };
  $('conv-viewers').replaceChildren();
});
