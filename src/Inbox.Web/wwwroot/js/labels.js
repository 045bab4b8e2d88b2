// The open conversation's labels in its header: shown as chips; "Edit labels" lets the operator remove one or add one
// (PUT /api/v1/conversations/{id}/labels with the whole list). The server's live event brings the change to other
// consoles and to the lists.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';

let editing = false;
let saving = false;
let shownId = null; // the conversation whose labels are shown: another one starts out of edit mode

export function renderLabels() {
  const box = $('conv-labels');
  if (!state.open) { box.replaceChildren(); return; }
  if (state.open.id !== shownId) { editing = false; shownId = state.open.id; }
  // The header is drawn again at every live event: what is being typed stays.
  const typing = $('label-new');
  const typed = typing?.value || '';
  const focused = typing && document.activeElement === typing;
  const labels = state.open.conversation.labels || [];
  const chips = labels.map((label) => el('span', { class: 'label-chip', dataset: { label } }, label,
    editing ? el('button', {
      type: 'button', class: 'label-remove', 'aria-label': t('conversation.labels.remove', { label }), title: t('conversation.labels.remove', { label }),
      disabled: saving ? 'disabled' : null, onclick: () => save(labels.filter((l) => l !== label)),
    }, '×') : null));
  if (!editing) {
    box.replaceChildren(...chips, el('button', { type: 'button', id: 'labels-edit', onclick: () => { editing = true; renderLabels(); $('label-new')?.focus(); } },
      t('conversation.labels.edit')));
    return;
  }
  const input = el('input', { id: 'label-new', maxlength: '32', placeholder: t('conversation.labels.placeholder'), 'aria-label': t('conversation.labels.placeholder') });
  const add = () => {
    const label = input.value.trim();
    if (label) save([...labels, label], label);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); add(); }
    if (e.key === 'Escape') { editing = false; renderLabels(); }
  });
  box.replaceChildren(...chips, input,
    el('button', { type: 'button', id: 'label-add', disabled: saving ? 'disabled' : null, onclick: add }, t('conversation.labels.add')),
    el('button', { type: 'button', id: 'labels-done', onclick: () => { editing = false; $('labels-error').textContent = ''; renderLabels(); } },
      t('conversation.labels.done')),
    el('span', { class: 'error', id: 'labels-error', role: 'alert' }));
  input.value = typed;
  if (focused) input.focus();
}

/** Saves the whole list; a label typed and added (added) is cleared from the box once saved, unless more was typed meanwhile. */
async function save(labels, added) {
  const open = state.open;
  if (!open || saving) return;
  saving = true;
  let error = null;
  try {
    const snapshot = await api('PUT', `/api/v1/conversations/${open.id}/labels`, { labels });
    if (state.open === open && snapshot) open.conversation = snapshot;
  } catch (e) {
    error = e.message;
  }
  saving = false;
  if (state.open !== open) return;
  if (!error && added && $('label-new')?.value.trim() === added) $('label-new').value = '';
  renderLabels();
  if (error) $('labels-error').textContent = t('conversation.labels.failed', { reason: error });
  $('label-new')?.focus();
}

on('logout', () => { editing = false; saving = false; shownId = null; $('conv-labels').replaceChildren(); });
