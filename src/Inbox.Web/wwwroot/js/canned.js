// Canned replies: "/" at the start of the reply box opens a picker filtered as the operator types (arrows, Enter or Tab
// inserts, Escape closes); the inserted text has its variables filled in from the open conversation. Supervisors and
// admins keep the replies in a small dialog reachable from the reply box.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';

let replies = [];       // [{ key, title, text }] as the server gave them
let loaded = false;
let matches = [];       // what the picker shows
let active = 0;         // the highlighted item in the picker
let loadRequest = 0;

const mayManage = () => ['supervisor', 'admin'].includes(state.me?.role);

async function loadReplies() {
  const request = ++loadRequest;
  const epoch = state.epoch;
  try {
    const list = await api('GET', '/api/v1/canned-replies');
    if (request !== loadRequest || epoch !== state.epoch) return;
    replies = list || [];
    loaded = true;
  } catch (error) {
    if (epoch === state.epoch) $('canned-error').textContent = t('conversation.canned.failed', { reason: error.message });
  }
  // Only a picker still open shows the answer: one closed meanwhile (Escape, a blur) stays closed.
  if (!$('canned-picker').hidden) renderPicker();
  renderDialogList();
}

/** The variables a canned reply may hold, from the open conversation; an unknown one stays for the operator to fill. */
function variables() {
  const open = state.open;
  return {
    'customer.name': open?.customer?.name || '',
    'order.number': open?.conversation?.handoff?.orderNumber || null,
    'operator.name': state.me?.displayName || state.me?.login || '',
  };
}

export function fillVariables(text) {
  const values = variables();
  return text.replace(/\{([a-z]+\.[a-z]+)\}/gi, (whole, name) => {
    const value = values[name.toLowerCase()];
    return value === undefined || value === null ? whole : value;
  });
}

// --- the picker ---------------------------------------------------------------------------------------------------

/** The text after a leading "/" while the operator is still typing the key (no space yet), else null. */
function query() {
  const match = /^\/([^\s/]*)$/.exec($('reply-text').value);
  return match ? match[1].toLowerCase() : null;
}

function closePicker() {
  matches = [];
  $('canned-picker').hidden = true;
  $('canned-picker').replaceChildren();
  $('reply-text').removeAttribute('aria-activedescendant');
}

function renderPicker() {
  const q = query();
  if (q === null || !state.open) { closePicker(); return; }
  matches = replies.filter((r) => r.key.includes(q) || (r.title || '').toLowerCase().includes(q))
    .sort((a, b) => (b.key.startsWith(q) - a.key.startsWith(q)) || a.key.localeCompare(b.key));
  active = Math.min(active, Math.max(0, matches.length - 1));
  const picker = $('canned-picker');
  picker.hidden = false;
  if (!matches.length) {
    picker.replaceChildren(el('li', { class: 'muted empty' }, loaded ? t('conversation.canned.none') : t('conversation.history.loading')));
    return;
  }
  picker.replaceChildren(...matches.map((r, i) => el('li', {
    id: `canned-option-${i}`,
    role: 'option',
    'aria-selected': String(i === active),
    dataset: { key: r.key },
    onmousedown: (e) => { e.preventDefault(); insert(r); },
  }, el('span', { class: 'canned-key' }, `/${r.key}`), el('span', {}, r.title || ''), el('span', { class: 'canned-preview' }, r.text))));
  $('reply-text').setAttribute('aria-activedescendant', `canned-option-${active}`);
  picker.children[active]?.scrollIntoView({ block: 'nearest' });
}

/** Puts the reply's text (variables filled) in the box; an unfilled variable is selected for the operator to type over. */
function insert(reply) {
  const box = $('reply-text');
  const text = fillVariables(reply.text);
  box.value = text;
  closePicker();
  box.focus();
  const left = /\{[a-z]+\.[a-z]+\}/i.exec(text);
  if (left) box.setSelectionRange(left.index, left.index + left[0].length);
  else box.setSelectionRange(text.length, text.length);
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

$('reply-text').addEventListener('input', () => {
  const wasClosed = $('canned-picker').hidden;
  if (query() !== null && wasClosed) {
    active = 0;
    loadReplies(); // fresh each time the picker opens: a supervisor may have changed them
  }
  renderPicker();
});

$('reply-text').addEventListener('keydown', (e) => {
  if ($('canned-picker').hidden) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (matches.length) active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
    renderPicker();
  } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
    if (!matches.length) return;
    e.preventDefault();
    insert(matches[active]);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    closePicker();
  }
});
$('reply-text').addEventListener('blur', () => closePicker());

// --- the supervisors' dialog --------------------------------------------------------------------------------------

function renderDialogList() {
  const list = $('canned-list');
  if (!$('canned-dialog').open) return;
  list.replaceChildren(...(replies.length ? replies.map((r) => el('li', { dataset: { key: r.key } },
    el('strong', {}, `/${r.key}`),
    el('span', { class: 'canned-text' }, r.title && r.title !== r.key ? `${r.title}: ${r.text}` : r.text),
    el('button', { type: 'button', class: 'edit', onclick: () => edit(r) }, t('conversation.canned.edit')),
    el('button', { type: 'button', class: 'delete', onclick: () => remove(r) }, t('conversation.canned.delete'))))
    : [el('li', { class: 'muted' }, t('conversation.canned.empty'))]));
}

function edit(reply) {
  $('canned-key').value = reply?.key || '';
  $('canned-key').readOnly = !!reply;
  $('canned-title').value = reply?.title && reply.title !== reply.key ? reply.title : '';
  $('canned-text').value = reply?.text || '';
  $('canned-error').textContent = '';
  (reply ? $('canned-text') : $('canned-key')).focus();
}

async function remove(reply) {
  $('canned-error').textContent = '';
  try {
    await api('DELETE', `/api/v1/canned-replies/${encodeURIComponent(reply.key)}`);
    if ($('canned-key').value === reply.key) edit(null);
  } catch (error) {
    $('canned-error').textContent = error.message;
  }
  await loadReplies();
}

$('canned-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('canned-error').textContent = '';
  const key = $('canned-key').value.trim().toLowerCase();
  const sent = { key: $('canned-key').value, title: $('canned-title').value, text: $('canned-text').value };
  try {
    await api('PUT', `/api/v1/canned-replies/${encodeURIComponent(key)}`, { title: sent.title, text: sent.text });
    // The form is emptied for the next one, unless the supervisor already started typing it.
    if ($('canned-key').value === sent.key && $('canned-title').value === sent.title && $('canned-text').value === sent.text) edit(null);
  } catch (error) {
    $('canned-error').textContent = error.message;
    return;
  }
  await loadReplies();
});

$('canned-manage').addEventListener('click', () => {
  const dialog = $('canned-dialog');
  if (!dialog.open) dialog.showModal();
  edit(null);
  renderDialogList();
  loadReplies();
});
$('canned-new').addEventListener('click', () => edit(null));
$('canned-close').addEventListener('click', () => $('canned-dialog').close());

on('started', () => {
  $('canned-manage').hidden = !mayManage();
  loadReplies();
});
on('language', () => { renderPicker(); renderDialogList(); });
on('logout', () => {
  loadRequest++;
  replies = [];
  loaded = false;
  closePicker();
  if ($('canned-dialog').open) $('canned-dialog').close();
  $('canned-list').replaceChildren();
  $('canned-error').textContent = '';
  $('canned-manage').hidden = true;
});
