// Inbox operators' console: plain ES modules under js/, no framework and no build step. Each part is a module that
// draws its own piece of the page and listens to the others through js/bus.js.
import { i18n, preferredLanguage, setLanguage } from './js/i18n.js';
import { state } from './js/state.js';
import { start } from './js/session.js';
import './js/queue.js';
import './js/conversation.js';
import './js/customer.js';
import './js/callpop.js';
import './js/composer.js';
import './js/canned.js';
import './js/labels.js';
import './js/live.js';
import './js/calls.js';
import './js/filters.js';
import './js/shortcuts.js';
import './js/layout.js';
import './js/presence.js';
import './js/supervisor.js';
import './js/transfer.js';
import './js/collisions.js';
import './js/unread.js';
import './js/alerts.js';

// For tests and debugging.
window.inboxConsole = { state, i18n };

setLanguage(preferredLanguage(), false).catch((error) => console.warn('texts not loaded', error)).finally(start);
