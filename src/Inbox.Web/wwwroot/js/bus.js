// The console's parts talk through these few named signals instead of importing each other:
//   'language'   the texts changed: draw again what is on screen
//   'logout'     the session ended: forget everything of it (state.js is reset by session.js)
//   'event'      a live event from the hub, as it arrives (live.js applies it to the open conversation in order)
//   'connected'  the hub is (re)connected and caught up
//   'opened'     a conversation was opened or refreshed (state.open is set)
//   'started'    an operator is logged in (state.me is set) and the console is shown
//   'unauthorized' the API answered 401: back to the login form
//   'teams'      team names arrived (state.teams)
//   'queueRendered' the list was drawn (its <li> carry data-conversation-id): parts may decorate the items
const handlers = new Map();

export function on(name, handler) {
  if (!handlers.has(name)) handlers.set(name, []);
  handlers.get(name).push(handler);
}

/** Calls every handler of the signal; one failing handler is logged and does not stop the others. */
export function emit(name, ...args) {
  for (const handler of handlers.get(name) || []) {
    try { handler(...args); } catch (error) { console.warn(`${name} handler failed`, error); }
  }
}
