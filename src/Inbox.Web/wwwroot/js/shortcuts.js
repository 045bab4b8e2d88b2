// Keyboard shortcuts for the list: Alt+↓ / Alt+↑ anywhere (j / k outside text fields) open the next / previous
// conversation, Alt+/ (or / outside text fields) focuses the search box, ? shows the help, Escape closes it.
// "/" inside the reply box and Ctrl+Enter belong to the reply box, never to this module.
import { $, el } from './dom.js';
import { t, applyStaticTexts } from './i18n.js';
import { on } from './bus.js';
import { state } from './state.js';
import { openConversation } from './conversation.js';
import { focusSearch } from './filters.js';

const SHORTCUTS = [
  ['list.keys.next', ['Alt+↓', 'j']],
  ['list.keys.previous', ['Alt+↑', 'k']],
  ['list.keys.open', ['Enter']],
  ['list.keys.search', ['Alt+/', '/']],
  ['list.keys.help', ['?']],
  ['list.keys.close', ['Esc']],
];

/** A field where typing writes text: letters there are the operator's, not shortcuts. */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

/** Opens the conversation `step` items away from the open one in the list (the first one when none is open). */
function move(step) {
  const items = [...$('queue-list').querySelectorAll('li[data-conversation-id]')];
  if (items.length === 0) return;
  const at = items.findIndex((li) => li.dataset.conversationId === state.open?.id);
  const next = at < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
  const li = items[next];
  li.focus({ preventScroll: true });
  li.scrollIntoView({ block: 'nearest' });
  if (li.dataset.conversationId !== state.open?.id) openConversation(li.dataset.conversationId);
}

function helpBox() {
  let box = $('list-shortcuts');
  if (!box) {
    box = el('div', { id: 'list-shortcuts', class: 'list-shortcuts', role: 'dialog', hidden: true });
    $('list-filters').after(box);
  }
  return box;
}

function renderHelp() {
  const box = helpBox();
  box.replaceChildren(
    el('h3', { 'data-i18n': 'list.keys.title' }),
    el('dl', {}, SHORTCUTS.flatMap(([key, keys]) => [
      el('dt', {}, keys.flatMap((k, i) => [i ? ` ${t('list.keys.or')} ` : '', el('kbd', {}, k)])),
      el('dd', { 'data-i18n': key }),
    ])),
    el('button', { type: 'button', 'data-i18n': 'list.keys.closeButton', onclick: () => { box.hidden = true; } }),
  );
  applyStaticTexts(box);
}

function toggleHelp(show) {
  const box = helpBox();
  if (!box.firstChild) renderHelp();
  box.hidden = show === undefined ? !box.hidden : !show;
}

document.addEventListener('keydown', (e) => {
  if ($('console').hidden || e.ctrlKey || e.metaKey || e.isComposing) return;
  const inField = typing(e.target);
  if (e.altKey && !e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    move(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.altKey && e.key === '/') {
    e.preventDefault();
    focusSearch();
  } else if (e.key === 'Escape' && !$('list-shortcuts')?.hidden && $('list-shortcuts')) {
    toggleHelp(false);
  } else if (e.key === 'Escape' && e.target?.id === 'list-search') {
    e.target.blur();
  } else if (!inField && !e.altKey) {
    if (e.key === 'j') move(1);
    else if (e.key === 'k') move(-1);
    else if (e.key === '/') { e.preventDefault(); focusSearch(); } else if (e.key === '?') toggleHelp();
    else return;
    if (e.key !== '/') e.preventDefault();
  }
});

on('shortcutsHelp', () => toggleHelp());
on('language', () => { if ($('list-shortcuts')) renderHelp(); });
on('logout', () => { const box = $('list-shortcuts'); if (box) { box.hidden = true; box.replaceChildren(); } });
