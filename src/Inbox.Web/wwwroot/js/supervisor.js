// The supervisor's view (supervisors and admins only): a button in the top bar shows the dashboard above the list and
// the conversation. Live: each team's queue and oldest wait (ticking), the operators' presence and load, the conversations
// at SLA risk (GET /api/v1/reports/live, then the hub's 'reports' push). Today: the daily figures of the report's time
// zone (GET /api/v1/reports/daily), refreshed on the push at most every few seconds, or by hand. Operators see none of it.
import { $, el } from './dom.js';
import { t, durationOf, time } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';
import { teamName } from './teams.js';
import { listenToHub } from './live.js';
import { openConversation } from './conversation.js';
import { floor, onFloor, isSupervisor, applyFloorFromReport } from './presence.js';

listenToHub('reports');

const DAILY_MIN_INTERVAL_MS = 5000;
const view = {
  shown: false,
  live: null,         // the last LiveReport
  liveAt: 0,          // Date.now() when it arrived: the waits grow from there
  liveError: '',
  daily: null,        // the last DailyReport
  dailyError: '',
  dailyLoading: false,
  dailyAt: 0,
  dailyTimer: null,
  zone: null,         // the report's time zone, from the first daily answer
  ticker: null,
};

function renderButton() {
  const box = $('header-supervisor');
  if (!state.me || !isSupervisor()) { box.replaceChildren(); return; }
  box.replaceChildren(el('button', {
    type: 'button', id: 'supervisor-toggle', class: view.shown ? 'active' : '', 'aria-pressed': view.shown ? 'true' : 'false',
    'aria-controls': 'dashboard', onclick: () => show(!view.shown),
  }, t(view.shown ? 'supervisor.hide' : 'supervisor.show')));
}

function show(shown) {
  view.shown = shown && isSupervisor();
  $('dashboard').hidden = !view.shown;
  renderButton();
  clearInterval(view.ticker);
  view.ticker = null;
  if (!view.shown) { $('dashboard').replaceChildren(); return; }
  render();
  loadLive();
  loadDaily();
  view.ticker = setInterval(tick, 1000);
}

async function loadLive() {
  const epoch = state.epoch;
  try {
    const report = await api('GET', '/api/v1/reports/live');
    if (epoch !== state.epoch) return;
    applyLive(report);
  } catch (error) {
    if (epoch !== state.epoch) return;
    view.liveError = t('supervisor.liveFailed', { reason: error.message });
    render();
  }
}

function applyLive(report) {
  view.live = report;
  view.liveAt = Date.now();
  view.liveError = '';
  applyFloorFromReport(report); // draws the presence panel too
  if (view.shown) render();
  scheduleDaily();
}

/** Today in a time zone, as yyyy-MM-dd. */
function today(zone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
}

async function loadDaily() {
  if (!view.shown || view.dailyLoading) return;
  const epoch = state.epoch;
  view.dailyLoading = true;
  view.dailyAt = Date.now();
  render();
  try {
    const ask = (day) => api('GET', `/api/v1/reports/daily?from=${day}&to=${day}`);
    let report = await ask(today(view.zone));
    // The first answer names the report's zone; when its today is another date than the browser's, ask for that one.
    if (report?.timeZone && report.timeZone !== view.zone) {
      view.zone = report.timeZone;
      const day = today(view.zone);
      if (day !== report.from) report = await ask(day);
    }
    if (epoch !== state.epoch) return;
    view.daily = report;
    view.dailyError = '';
  } catch (error) {
    if (epoch === state.epoch) view.dailyError = t('supervisor.dailyFailed', { reason: error.message });
  } finally {
    if (epoch === state.epoch) {
      view.dailyLoading = false;
      view.dailyAt = Date.now();
      if (view.shown) render();
    }
  }
}

/** After a push: today's figures again, at most once every few seconds. */
function scheduleDaily() {
  if (!view.shown || view.dailyTimer) return;
  const wait = Math.max(0, view.dailyAt + DAILY_MIN_INTERVAL_MS - Date.now());
  view.dailyTimer = setTimeout(() => { view.dailyTimer = null; loadDaily(); }, wait);
}

const waitOf = (queue) => (queue.oldestWaitSeconds == null ? null : queue.oldestWaitSeconds + (Date.now() - view.liveAt) / 1000);
const percent = (share) => (share == null ? '—' : `${Math.round(share * 100)}%`);
const seconds = (value) => (value == null ? '—' : durationOf(value));
const operatorName = (id) => floor.get(id)?.displayName || floor.get(id)?.login || t('supervisor.someone');

function tick() {
  if (!view.shown || !view.live) return;
  for (const cell of document.querySelectorAll('#dashboard [data-oldest-index]')) {
    const queue = view.live.queues[Number(cell.dataset.oldestIndex)];
    const wait = queue && waitOf(queue);
    if (wait != null) cell.textContent = durationOf(wait);
  }
}

function figure(id, label, value, hint) {
  return el('div', { class: 'figure', id }, el('div', { class: 'figure-value' }, value), el('div', { class: 'figure-label' }, label),
    hint ? el('div', { class: 'figure-hint muted' }, hint) : null);
}

function renderQueues() {
  const live = view.live;
  if (!live) return el('p', { class: 'muted' }, t('supervisor.loading'));
  const rows = live.queues.map((queue, index) => el('tr', { dataset: { team: queue.team ?? '' } },
    el('td', { class: 'team' }, queue.team ? teamName(queue.team) : t('supervisor.noTeam')),
    el('td', { class: 'queued num' }, queue.queued),
    el('td', { class: 'oldest num', dataset: { oldestIndex: index } }, waitOf(queue) == null ? '—' : durationOf(waitOf(queue)))));
  return el('table', { class: 'dash-table', id: 'dash-queues' },
    el('thead', {}, el('tr', {}, el('th', {}, t('supervisor.team')), el('th', {}, t('supervisor.queued')), el('th', {}, t('supervisor.oldestWait')))),
    el('tbody', {}, rows));
}

function renderOperatorsSummary() {
  const ops = view.live?.operators;
  if (!ops) return null;
  return el('div', { class: 'figures', id: 'dash-operators' },
    figure('dash-online', t('supervisor.presence.online'), ops.online),
    figure('dash-away', t('supervisor.presence.away'), ops.away),
    figure('dash-offline', t('supervisor.presence.offline'), ops.offline),
    figure('dash-load', t('supervisor.load'), t('supervisor.loadOf', { load: ops.load, capacity: ops.capacity })));
}

function renderSlaRisk() {
  const risks = view.live?.slaAtRisk || [];
  if (!risks.length) return el('p', { class: 'muted', id: 'dash-sla-none' }, t('supervisor.slaNone'));
  return el('ul', { class: 'dash-sla', id: 'dash-sla' }, risks.map((risk) => el('li', {
    class: risk.breached ? 'breached' : 'at-risk', dataset: { conversationId: risk.conversationId },
  }, el('button', { type: 'button', class: 'link', onclick: () => openConversation(risk.conversationId) },
    t(risk.breached ? 'supervisor.slaBreached' : 'supervisor.slaAtRisk', { target: t(`supervisor.target.${risk.target}`) })),
  ' · ', risk.team ? teamName(risk.team) : t('supervisor.noTeam'),
  ' · ', risk.assigneeId ? operatorName(risk.assigneeId) : t('supervisor.unassigned'),
  risk.dueAt ? ` · ${t('supervisor.due', { time: time(risk.dueAt) })}` : '')));
}

function renderPresencePanel() {
  const operators = [...floor.values()].sort((a, b) => (a.displayName || a.login).localeCompare(b.displayName || b.login, undefined, { sensitivity: 'base' }));
  if (!operators.length) return el('p', { class: 'muted' }, t('supervisor.loading'));
  return el('ul', { class: 'dash-presence', id: 'dash-presence' }, operators.map((operator) => el('li', {
    dataset: { operatorId: operator.operatorId, state: operator.state, login: operator.login },
  }, el('span', { class: 'name' }, operator.displayName || operator.login),
  el('span', { class: `presence-badge ${operator.state}` }, t(`supervisor.presence.${operator.state}`)),
  el('span', { class: 'load muted' }, t('supervisor.loadOf', { load: operator.load, capacity: operator.capacity })))));
}

function renderToday() {
  const d = view.daily?.total;
  const head = el('div', { class: 'dash-head' },
    el('h3', {}, view.daily ? t('supervisor.todayOf', { day: view.daily.from, zone: view.daily.timeZone }) : t('supervisor.today')),
    el('button', { type: 'button', id: 'dash-refresh', disabled: view.dailyLoading, onclick: loadDaily }, t('supervisor.refresh')));
  if (!d) return el('section', { class: 'dash-card dash-today' }, head, el('p', { class: 'muted' }, view.dailyError || t('supervisor.loading')));
  const p = (a, b) => t('supervisor.p50p90', { p50: seconds(a), p90: seconds(b) });
  return el('section', { class: 'dash-card dash-today', id: 'dash-today' }, head,
    el('div', { class: 'figures' },
      figure('dash-conversations', t('supervisor.conversations'), d.conversations),
      figure('dash-first-responses', t('supervisor.firstResponses'), d.firstResponses, p(d.firstResponseP50Seconds, d.firstResponseP90Seconds)),
      figure('dash-resolved', t('supervisor.resolved'), d.resolved, p(d.resolutionP50Seconds, d.resolutionP90Seconds)),
      figure('dash-containment', t('supervisor.containment'), percent(d.botContainment), t('supervisor.ofBot', { contained: d.botContained, bot: d.botConversations })),
      figure('dash-handoffs', t('supervisor.handoffs'), d.handedOff, t('supervisor.handoffRate', { rate: percent(d.handoffRate) })),
      figure('dash-csat', t('supervisor.csat'), d.csatAverage == null ? '—' : d.csatAverage.toFixed(2),
        t('supervisor.csatHint', { n: d.csatRatings, count: d.csatRatings, satisfied: percent(d.csatSatisfiedShare) })),
      figure('dash-sla-attainment', t('supervisor.slaAttainment'), percent(d.slaAttainment), t('supervisor.slaHint', { breached: d.slaBreached, targets: d.slaTargets }))),
    view.dailyError ? el('p', { class: 'error', role: 'alert' }, view.dailyError) : null);
}

function render() {
  if (!view.shown) return;
  $('dashboard').replaceChildren(...[
    el('h2', {}, t('supervisor.title')),
    view.liveError ? el('p', { class: 'error', role: 'alert' }, view.liveError) : null,
    el('div', { class: 'dash-grid' },
      el('section', { class: 'dash-card' }, el('h3', {}, t('supervisor.queues')), renderQueues()),
      el('section', { class: 'dash-card' }, el('h3', {}, t('supervisor.operators')), renderOperatorsSummary(), renderPresencePanel()),
      el('section', { class: 'dash-card' }, el('h3', {}, t('supervisor.sla')), renderSlaRisk()),
      renderToday()),
    view.live ? el('p', { class: 'muted small' }, t('supervisor.computedAt', { time: time(view.live.computedAt) })) : null,
  ].filter(Boolean));
}

on('reports', (report) => { if (isSupervisor()) applyLive(report); });
onFloor(() => { if (view.shown) render(); });
on('started', () => { renderButton(); });
on('connected', () => { if (view.shown) loadLive(); });
on('teams', render);
on('language', () => { renderButton(); render(); });
on('logout', () => {
  clearTimeout(view.dailyTimer);
  Object.assign(view, { live: null, liveAt: 0, liveError: '', daily: null, dailyError: '', dailyLoading: false, dailyAt: 0, dailyTimer: null, zone: null });
  show(false);
  $('header-supervisor').replaceChildren();
});
