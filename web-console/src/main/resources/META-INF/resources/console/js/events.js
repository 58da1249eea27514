// One shared WebSocket to /api/events for the whole console (same origin, session cookie).
// Reconnects with exponential backoff; after a reconnect, and when the server sends {"type":"resync"},
// subscribers receive {type:'resync'} and reload their data over REST (messages may have been missed).
// The header's live indicator (data-testid="live-indicator") shows "live" or "reconnecting".
// A handshake refused because the session ended shows no status to the page, so each close also
// asks GET /api/session: its 401 sends the app to the login page, which stops the socket.

import { request } from './api.js';

const FIRST_RETRY_MILLIS = 500;
const MAX_RETRY_MILLIS = 15000;

const subscribers = new Set();
let socket = null;
let retryMillis = FIRST_RETRY_MILLIS;
let retryTimer = null;
let running = false;
let everOpened = false;

/**
 * Registers a handler for every event message (parsed JSON; see docs/ref/api.md "WebSocket /api/events").
 * @param {function(object): void} handler
 * @returns {function(): void} unsubscribe
 */
export function subscribe(handler) {
  subscribers.add(handler);
  return () => subscribers.delete(handler);
}

/** Opens the socket (after signing in). Calling it again while running does nothing. */
export function startEvents() {
  if (running) {
    return;
  }
  running = true;
  everOpened = false;
  retryMillis = FIRST_RETRY_MILLIS;
  connect();
}

/** Closes the socket and stops reconnecting (after signing out). */
export function stopEvents() {
  running = false;
  clearTimeout(retryTimer);
  retryTimer = null;
  if (socket) {
    const old = socket;
    socket = null;
    old.close();
  }
  showIndicator(null);
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/api/events`);
  socket = ws;
  ws.addEventListener('open', () => {
    if (socket !== ws) {
      return;
    }
    retryMillis = FIRST_RETRY_MILLIS;
    showIndicator('live');
    if (everOpened) {
      deliver({ type: 'resync', reason: 'reconnected' });
    }
    everOpened = true;
  });
  ws.addEventListener('message', (event) => {
    if (socket !== ws || typeof event.data !== 'string') {
      return;
    }
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return; // not one of ours
    }
    if (message && typeof message.type === 'string') {
      deliver(message);
    }
  });
  ws.addEventListener('close', () => {
    if (socket !== ws || !running) {
      return;
    }
    socket = null;
    showIndicator('reconnecting');
    request('GET', '/session').catch(() => {}); // a 401 ends the session in the app (see above)
    retryTimer = setTimeout(connect, retryMillis);
    retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
  });
}

function deliver(message) {
  for (const handler of Array.from(subscribers)) {
    try {
      handler(message);
    } catch (err) {
      console.error('event handler failed', err);
    }
  }
}

function showIndicator(status) {
  const indicator = document.getElementById('live-indicator');
  if (!indicator) {
    return;
  }
  indicator.hidden = status === null;
  indicator.dataset.status = status || '';
  indicator.textContent = status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : '';
  indicator.title = status === 'live' ? 'Live updates connected' : 'Live updates lost; reconnecting';
}
