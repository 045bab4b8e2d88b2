// Presence: the away switch in the top bar (every operator), and for supervisors and admins the floor: every operator's
// presence, capacity and load, from GET /api/v1/operators/presence, then the hub's 'presence' and 'reports' messages.
// Away means routing gives you no new conversation (docs/routing.md); what you have stays yours.
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';
import { listenToHub } from './live.js';

listenToHub('presence');

export const isSupervisor = () => state.me?.role === 'supervisor' || state.me?.role === 'admin';

const mine = { state: null, busy: false, error: '' };

/** Every operator as a supervisor sees them (operatorId -> OperatorPresenceView); empty for operators. */
export const floor = new Map();
const floorHandlers = [];

/** Calls handler whenever the floor changed (another part draws it). */
export function onFloor(handler) { floorHandlers.push(handler); }

function floorChanged() {
  for (const handler of floorHandlers) {
    try { handler(); } catch (error) { console.warn('floor handler failed', error); }
  }
}

function renderSwitch() {
  const box = $('header-presence');
  if (!state.me) { box.replaceChildren(); return; }
  const current = mine.state || 'offline';
  const away = current === 'away';
  box.replaceChildren(...[
    el('button', {
      type: 'button', id: 'presence-toggle', class: `presence-toggle ${current}`, disabled: mine.busy || !mine.state,
      'aria-pressed': away ? 'true' : 'false', title: t(away ? 'supervisor.presence.setAvailable' : 'supervisor.presence.setAway'),
      dataset: { state: current }, onclick: toggle,
    }, el('span', { class: 'presence-dot', 'aria-hidden': 'true' }), t(`supervisor.presence.${current}`)),
    mine.error ? el('span', { class: 'presence-error', role: 'alert' }, mine.error) : null,
  ].filter(Boolean));
}

async function loadMine() {
  const epoch = state.epoch;
  try {
    const presence = await api('GET', '/api/v1/me/presence');
    if (epoch !== state.epoch) return;
    mine.state = presence.state;
    mine.error = '';
  } catch (error) {
    if (epoch === state.epoch) mine.error = error.message;
  }
  renderSwitch();
}

async function toggle() {
  const epoch = state.epoch;
  mine.busy = true;
  mine.error = '';
  renderSwitch();
  try {
    const presence = await api('PUT', '/api/v1/me/presence', { state: mine.state === 'away' ? 'available' : 'away' });
    if (epoch !== state.epoch) return;
    mine.state = presence.state;
    applyPresence(presence);
  } catch (error) {
    if (epoch === state.epoch) mine.error = t('supervisor.presence.failed', { reason: error.message });
  } finally {
    if (epoch === state.epoch) { mine.busy = false; renderSwitch(); }
  }
}

/** One operator's presence changed (hub 'presence' or my own switch). */
function applyPresence(presence) {
  if (presence.operatorId === state.me?.operatorId) mine.state = presence.state;
  const known = floor.get(presence.operatorId);
  if (known) {
    floor.set(presence.operatorId, { ...known, state: presence.state, since: presence.since, connections: presence.connections });
    floorChanged();
  }
}

export async function loadFloor() {
  if (!isSupervisor()) return;
  const epoch = state.epoch;
  try {
    const operators = await api('GET', '/api/v1/operators/presence');
    if (epoch !== state.epoch) return;
    floor.clear();
    for (const operator of operators || []) floor.set(operator.operatorId, operator);
    floorChanged();
  } catch (error) {
    console.warn('operators presence not loaded', error);
  }
}

/** The live figures carry every operator with their load: the floor follows them. */
export function applyFloorFromReport(report) {
  const operators = report?.operators?.operators;
  if (!operators) return;
  floor.clear();
  for (const operator of operators) floor.set(operator.operatorId, operator);
  floorChanged();
}

on('presence', (presence) => { applyPresence(presence); renderSwitch(); });
on('started', renderSwitch);
on('connected', () => { loadMine(); loadFloor(); });
on('language', renderSwitch);
on('logout', () => {
  mine.state = null;
  mine.busy = false;
  mine.error = '';
  floor.clear();
  floorChanged();
  renderSwitch();
});
