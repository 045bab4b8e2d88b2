// What the console knows about the current session. session.js resets it at logout.
export const state = {
  me: null,
  tab: 'queued',
  open: null,        // { id, conversation, customer, messages: Map(messageId -> message) }
  lastSeq: 0,        // last sequence applied to the open conversation
  hub: null,
  eventChain: Promise.resolve(), // events are applied one at a time, in arrival order
  epoch: 0,          // bumped at every logout: answers to requests of the previous session are dropped
  queuePage: null,   // the last list shown, drawn again when the language changes
  teams: new Map(),  // team key -> name
  callPop: null,
  connection: 'connection.connecting',
  inFlight: new Set(), // 'messages' / 'notes' while that request is on its way
};

/** Forgets the session's data (the epoch goes on counting). */
export function resetState() {
  state.epoch++;
  state.me = null;
  state.open = null;
  state.lastSeq = 0;
  state.queuePage = null;
  state.callPop = null;
  state.inFlight.clear();
  state.eventChain = Promise.resolve();
  state.tab = 'queued';
}
