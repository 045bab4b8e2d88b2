// Alerts: a sound and a browser notification for a new conversation in the queue, a handoff from the bot, a customer
// message in one of my conversations, and an SLA warning or breach. Each kind's sound and notification can be switched
// off in the menu in #header-alerts (remembered in this browser). No alert for what the operator did themselves, nor for
// the conversation open on a visible page. Clicking a notification opens its conversation.
import { $, el } from './dom.js';
import { t, applyStaticTexts } from './i18n.js';
import { on } from './bus.js';
import { state } from './state.js';
import { openConversation } from './conversation.js';

const SETTINGS_KEY = 'inbox.alerts';
export const KINDS = ['newConversation', 'handoff', 'myMessage', 'sla'];
const TONES = { newConversation: [660, 880], handoff: [880, 660], myMessage: [740], sla: [520, 520, 520] };

function loadSettings() {
  let saved = {};
  try { saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}') || {}; } catch { /* a damaged entry: the defaults */ }
  return Object.fromEntries(KINDS.map((kind) => [kind, {
    sound: saved[kind]?.sound !== false,
    notify: saved[kind]?.notify !== false,
  }]));
}

let settings = loadSettings();
const saveSettings = () => localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
const notifications = () => ('Notification' in window ? window.Notification : null);

/** Which alert an event is for this operator, or null. */
export function kindOf(ev) {
  const me = state.me?.operatorId;
  const c = ev.conversation;
  const m = ev.message;
  if (!me || !c) return null;
  if (m?.operatorId === me || m?.metadata?.byOperatorId === me) return null; // the operator's own doing
  if (ev.type === 'sla.at_risk' || ev.type === 'sla.breached') return 'sla';
  if (ev.type === 'message.created' && m?.kind === 'inbound' && !m.automated) {
    if (c.assigneeId === me) return 'myMessage';
    const justQueued = c.queuedAt && Date.parse(c.queuedAt) === Date.parse(m.createdAt);
    if (c.status === 'queued' && !c.assigneeId && (m.sequence === 1 || justQueued)) return 'newConversation';
    return null;
  }
  if (ev.type === 'conversation.changed' && c.status === 'queued' && !c.assigneeId && c.handoff && c.queuedAt
    && Math.abs(Date.parse(ev.occurredAt) - Date.parse(c.queuedAt)) < 10000) return 'handoff';
  return null;
}

const alerted = new Set(); // conversationId:kind:sequence (or queuedAt for a handoff): each alert once

let audio = null;
let lastBeep = 0;
/** A short beep with WebAudio, different per kind; at most one a second. */
function beep(kind) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context || Date.now() - lastBeep < 1000) return;
  lastBeep = Date.now();
  try {
    audio ??= new Context();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    TONES[kind].forEach((frequency, i) => {
      const start = audio.currentTime + i * 0.18;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.16);
    });
  } catch (error) { console.warn('no sound', error); }
}

function body(kind, ev) {
  const c = ev.conversation;
  if (kind === 'handoff') return c.handoff?.summary || c.lastInboundPreview || '';
  if (kind === 'sla') return t(ev.type === 'sla.breached' ? 'alerts.body.slaBreached' : 'alerts.body.slaAtRisk', {
    target: t(`alerts.target.${ev.message?.metadata?.target === 'resolution' ? 'resolution' : 'firstResponse'}`),
  });
  return (ev.message?.text || c.lastInboundPreview || '').slice(0, 200);
}

function notify(kind, ev) {
  const Notice = notifications();
  if (!Notice || Notice.permission !== 'granted') return;
  try {
    const notice = new Notice(t(`alerts.title.${kind}`), { body: body(kind, ev), tag: `inbox-${ev.conversationId}-${kind}`, lang: document.documentElement.lang });
    notice.onclick = () => {
      window.focus();
      notice.close?.();
      if (state.me) openConversation(ev.conversationId);
    };
  } catch (error) { console.warn('no notification', error); }
}

on('event', (ev) => {
  const kind = kindOf(ev);
  if (!kind) return;
  if (state.open?.id === ev.conversationId && document.visibilityState === 'visible') return; // on screen already
  const key = `${ev.conversationId}:${kind}:${kind === 'handoff' ? ev.conversation.queuedAt : ev.sequence}`;
  if (alerted.has(key)) return;
  alerted.add(key);
  if (settings[kind].sound) beep(kind);
  if (settings[kind].notify) notify(kind, ev);
});

// The menu: a switch for the sound and one for the notification of each kind.
function renderMenu() {
  const Notice = notifications();
  const permission = Notice?.permission ?? 'unsupported';
  const toggle = (kind, what) => el('input', {
    type: 'checkbox',
    id: `alerts-${kind}-${what}`,
    checked: settings[kind][what],
    dataset: { kind, what },
    onchange: (e) => {
      settings[kind][what] = e.target.checked;
      saveSettings();
      if (what === 'notify' && e.target.checked) askPermission();
      if (what === 'sound' && e.target.checked) beep(kind); // a sample, and it unlocks the sound on this user gesture
    },
  });
  const rows = KINDS.map((kind) => el('tr', { dataset: { kind } },
    el('th', { scope: 'row', 'data-i18n': `alerts.kind.${kind}` }),
    el('td', {}, el('label', {}, toggle(kind, 'sound'), ' ', el('span', { 'data-i18n': 'alerts.sound' }))),
    el('td', {}, el('label', {}, toggle(kind, 'notify'), ' ', el('span', { 'data-i18n': 'alerts.notification' })))));
  const status = permission === 'granted' ? null
    : permission === 'default' ? el('button', { type: 'button', id: 'alerts-allow', 'data-i18n': 'alerts.allow', onclick: askPermission })
      : el('p', { class: 'muted', id: 'alerts-blocked', 'data-i18n': permission === 'denied' ? 'alerts.blocked' : 'alerts.unsupported' });
  const menu = $('alerts-menu');
  const open = menu?.open ?? false;
  const details = el('details', { id: 'alerts-menu', class: 'alerts-menu', open },
    el('summary', { 'data-i18n': 'alerts.menu' }),
    el('div', { class: 'alerts-panel' }, el('table', {}, el('tbody', {}, rows)), status));
  applyStaticTexts(details);
  $('header-alerts').replaceChildren(details);
}

/** Asks the browser's permission for notifications: only on a user's click (browsers refuse otherwise). */
async function askPermission() {
  const Notice = notifications();
  if (!Notice || Notice.permission !== 'default') return;
  try { await Notice.requestPermission(); } catch { /* an old browser's callback form: the next click asks again */ }
  renderMenu();
}

// Closing the menu with a click anywhere else.
document.addEventListener('click', (e) => {
  const menu = $('alerts-menu');
  if (menu?.open && !menu.contains(e.target)) menu.open = false;
});

on('started', () => { settings = loadSettings(); renderMenu(); });
on('language', () => { if (state.me) renderMenu(); });
on('logout', () => {
  alerted.clear();
  $('header-alerts').replaceChildren();
});
