// Login, logout and the start of a session.
import { $ } from './dom.js';
import { t, tOr } from './i18n.js';
import { on, emit } from './bus.js';
import { state, resetState } from './state.js';
import { loadTeams } from './teams.js';
import { loadQueue } from './queue.js';
import { connectHub, stopHub } from './live.js';

// The session cookie is HttpOnly, so the page cannot see it: this flag says a login happened in this browser and no
// logout or 401 followed. Without it the page shows the login form at once instead of asking /auth/me for a 401.
const SESSION_KEY = 'inbox.session';

/** Back to the login form; nothing of the previous session stays on screen or in memory (each part forgets on 'logout'). */
export function showLogin() {
  localStorage.removeItem(SESSION_KEY);
  stopHub();
  resetState();
  emit('logout');
  $('me').textContent = '';
  $('console').hidden = true;
  $('login').hidden = false;
}

on('unauthorized', showLogin);

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  let response;
  try {
    response = await fetch('/api/v1/auth/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: $('login-name').value, password: $('login-password').value }),
    });
  } catch {
    $('login-error').textContent = t('login.unreachable');
    return;
  }
  if (!response.ok) {
    $('login-error').textContent = t(response.status === 429 ? 'login.locked' : 'login.wrong');
    return;
  }
  localStorage.setItem(SESSION_KEY, '1');
  $('login-password').value = '';
  await start();
});

$('logout').addEventListener('click', async () => {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  showLogin();
});

function renderMe() {
  $('me').textContent = state.me
    ? t('header.me', { name: state.me.displayName || state.me.login, role: tOr(`role.${state.me.role}`, state.me.role) })
    : '';
}
on('language', renderMe);

/** Shows the console for the logged-in operator, or the login form. */
export async function start() {
  if (!localStorage.getItem(SESSION_KEY)) { showLogin(); return; }
  let response;
  try {
    response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
  } catch {
    // The server cannot be reached: the login form says so when it is used.
    $('console').hidden = true;
    $('login').hidden = false;
    return;
  }
  if (!response.ok) { showLogin(); return; }
  state.me = await response.json();
  renderMe();
  $('login').hidden = true;
  $('console').hidden = false;
  emit('started');
  loadTeams();
  await loadQueue();
  await connectHub();
}

/** The session may have ended (logged out elsewhere, expired, the operator disabled): then back to the login form. */
export async function checkSession() {
  try {
    const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    if (response.status === 401) { showLogin(); return false; }
  } catch { /* offline: keep trying */ }
  return true;
}
