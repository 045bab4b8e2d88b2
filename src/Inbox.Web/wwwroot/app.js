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

// For tests and debugging.
window.inboxConsole = { state, i18n };

setLanguage(preferredLanguage(), false).catch((error) => console.warn('texts not loaded', error)).finally(start);
