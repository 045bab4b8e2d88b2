// Transfer under the conversation header: to an operator or to a team, with a note (POST /api/v1/conversations/{id}/transfer).
// Supervisors and admins may move any conversation that is not resolved, to anyone (the picker shows each operator's presence
// and load); an operator only their own or one nobody holds, to a colleague (GET /api/v1/operators/colleagues: names only)
// or a team. The API says the rest (docs/routing.md).
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';
import { teamName } from './teams.js';
import { floor, onFloor, isSupervisor, loadFloor } from './presence.js';

/** Operators' picker: their colleagues (operatorId -> display name), read once per session. */
const colleagues = { loaded: false, loading: false, names: new Map() };

async function loadColleagues() {
  if (colleagues.loaded || colleagues.loading || isSupervisor()) return;
  const epoch = state.epoch;
  colleagues.loading = true;
  try {
    const list = await api('GET', '/api/v1/operators/colleagues');
    if (epoch !== state.epoch) return;
    colleagues.names = new Map((list || []).map((c) => [c.operatorId, c.displayName]));
    colleagues.loaded = true;
    if (state.open && !form.busy) update();
  } catch (error) {
    console.warn('colleagues not loaded', error);
  } finally {
    if (epoch === state.epoch) colleagues.loading = false;
  }
}

const form = { conversationId: null, operatorId: '', team: '', note: '', error: '', busy: false, done: '' };

function allowed(c) {
  if (!c || c.status === 'resolved' || !state.me) return false;
  if (isSupervisor()) return true;
  return !c.assigneeId || c.assigneeId === state.me.operatorId;
}

function operatorOptions(c) {
  if (!isSupervisor()) {
    return [...colleagues.names.entries()].filter(([id]) => id !== c.assigneeId && id !== state.me.operatorId)
      .map(([id, name]) => el('option', { value: id, selected: id === form.operatorId }, name));
  }
  return [...floor.values()]
    .filter((o) => o.operatorId !== c.assigneeId)
    .sort((a, b) => (a.displayName || a.login).localeCompare(b.displayName || b.login, undefined, { sensitivity: 'base' }))
    .map((o) => el('option', { value: o.operatorId, selected: o.operatorId === form.operatorId },
      t('supervisor.transfer.operatorOption', { name: o.displayName || o.login, state: t(`supervisor.presence.${o.state}`), load: o.load, capacity: o.capacity })));
}

function teamOptions(c) {
  // A team is a target unless the conversation already waits in it.
  return [...state.teams.keys()].filter((key) => key !== c.team || c.assigneeId)
    .map((key) => el('option', { value: key, selected: key === form.team }, teamName(key)));
}

/** Draws the control again (the note typed so far is kept). */
function render() {
  const box = $('conv-transfer');
  const c = state.open?.conversation;
  if (!allowed(c)) { box.replaceChildren(); return; }
  if (form.conversationId !== state.open.id) {
    Object.assign(form, { conversationId: state.open.id, operatorId: '', team: '', note: '', error: '', busy: false, done: '' });
  }
  const operatorSelect = el('select', {
    id: 'transfer-operator', 'aria-label': t('supervisor.transfer.operator'), disabled: form.busy,
    onchange: (e) => { form.operatorId = e.target.value; if (form.operatorId) { form.team = ''; $('transfer-team').value = ''; } setError(''); },
  }, el('option', { value: '' }, t('supervisor.transfer.pickOperator')), operatorOptions(c));
  const teamSelect = el('select', {
    id: 'transfer-team', 'aria-label': t('supervisor.transfer.team'), disabled: form.busy,
    onchange: (e) => { form.team = e.target.value; if (form.team && $('transfer-operator')) { form.operatorId = ''; $('transfer-operator').value = ''; } setError(''); },
  }, el('option', { value: '' }, t('supervisor.transfer.pickTeam')), ...teamOptions(c));
  const note = el('input', {
    id: 'transfer-note', type: 'text', maxlength: '4000', placeholder: t('supervisor.transfer.notePlaceholder'), 'aria-label': t('supervisor.transfer.note'),
    disabled: form.busy, oninput: (e) => { form.note = e.target.value; },
  });
  note.value = form.note;
  box.replaceChildren(el('form', { class: 'transfer-form', onsubmit: submit },
    el('span', { class: 'transfer-label' }, t('supervisor.transfer.label')),
    operatorSelect, el('span', { class: 'muted' }, t('supervisor.transfer.or')), teamSelect, note,
    el('button', { type: 'submit', id: 'transfer-submit', disabled: form.busy }, t('supervisor.transfer.submit')),
    el('span', { class: 'error', id: 'transfer-error', role: 'alert' }, form.error),
    form.done ? el('span', { class: 'transfer-done', id: 'transfer-done', role: 'status' }, form.done) : null));
}

function setError(text) {
  form.error = text;
  if ($('transfer-error')) $('transfer-error').textContent = text;
}

/** The open conversation or the floor changed: the pickers' options follow, without disturbing what is being typed. */
function update() {
  const c = state.open?.conversation;
  const shown = !!$('transfer-team');
  if (!allowed(c) || !shown || form.conversationId !== state.open?.id) { render(); return; }
  const operatorSelect = $('transfer-operator');
  if (operatorSelect && document.activeElement !== operatorSelect) {
    operatorSelect.replaceChildren(el('option', { value: '' }, t('supervisor.transfer.pickOperator')), ...operatorOptions(c));
    operatorSelect.value = [...operatorSelect.options].some((o) => o.value && o.value === form.operatorId) ? form.operatorId : '';
    form.operatorId = operatorSelect.value;
  }
  const teamSelect = $('transfer-team');
  if (document.activeElement !== teamSelect) {
    teamSelect.replaceChildren(el('option', { value: '' }, t('supervisor.transfer.pickTeam')), ...teamOptions(c));
    teamSelect.value = form.team;
    form.team = teamSelect.value;
  }
}

/** The problem's field messages (errors.note, errors.team, …) when there are some, else its detail or title. */
async function problemText(response) {
  try {
    const problem = await response.json();
    const fields = Object.values(problem.errors || {}).flat();
    return fields.length ? fields.join(' ') : problem.detail || problem.title || `${response.status}`;
  } catch {
    return t('error.http', { status: response.status, text: response.statusText });
  }
}

async function submit(e) {
  e.preventDefault();
  const id = state.open?.id;
  if (!id || form.busy) return;
  form.done = '';
  if (!form.operatorId && !form.team) { setError(t('supervisor.transfer.needTarget')); return; }
  if (!form.note.trim()) { setError(t('supervisor.transfer.needNote')); $('transfer-note')?.focus(); return; }
  const epoch = state.epoch;
  const target = form.operatorId
    ? { operatorId: form.operatorId, name: floor.get(form.operatorId)?.displayName || colleagues.names.get(form.operatorId) || '' }
    : { team: form.team, name: teamName(form.team) };
  form.busy = true;
  form.error = '';
  render();
  let error = '';
  try {
    // fetch itself (not api()): the validation problem's field messages are what the supervisor needs to read.
    const response = await fetch(`/api/v1/conversations/${id}/transfer`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operatorId: target.operatorId ?? null, team: target.team ?? null, note: form.note.trim() }),
    });
    if (!response.ok) error = response.status === 409 ? t('supervisor.transfer.conflict', { reason: await problemText(response) }) : await problemText(response);
  } catch {
    error = t('error.network');
  }
  if (epoch !== state.epoch || form.conversationId !== id) return;
  form.busy = false;
  if (error) {
    form.error = t('supervisor.transfer.failed', { reason: error });
  } else {
    Object.assign(form, { operatorId: '', team: '', note: '', error: '', done: t('supervisor.transfer.done', { name: target.name }) });
  }
  render();
}

on('opened', () => {
  if (isSupervisor() && floor.size === 0) loadFloor();
  loadColleagues();
  render();
});
// After the hub's event of the open conversation is applied (live.js applies it right after this signal).
on('event', (ev) => {
  if (ev.conversationId !== state.open?.id) return;
  Promise.resolve().then(() => state.eventChain).then(() => { if (ev.conversationId === state.open?.id && !form.busy) update(); });
});
onFloor(() => { if (state.open && isSupervisor() && !form.busy) update(); });
on('teams', () => { if (state.open && !form.busy) update(); });
on('language', () => { if (state.open) render(); });
on('logout', () => {
  Object.assign(colleagues, { loaded: false, loading: false, names: new Map() });
  Object.assign(form, { conversationId: null, operatorId: '', team: '', note: '', error: '', busy: false, done: '' });
  $('conv-transfer').replaceChildren();
});
