// Console-wide alarm watch while signed in: keeps the set of open alarms for the nav badge
// (data-testid="alarm-badge"), and plays the cue when a new alarm arrives on the event socket.

import { ApiError } from './api.js';
import { subscribe } from './events.js';
import { playAlarmCue } from './alarm-cue.js';
import { listAlarms } from './monitor-api.js';

const MAX_COUNTED = 500;
/** The database lags memory by about a second: reload a little after a storm changed its members. */
const RELOAD_DELAY_MILLIS = 1500;

const open = new Set();
const seen = new Set();
let unsubscribe = null;
let reloadTimer = null;
let truncated = false;

/** Starts watching (after signing in). */
export function startAlarmWatch() {
  if (unsubscribe) {
    return;
  }
  unsubscribe = subscribe(onEvent);
  reload();
}

/** Stops watching and hides the badge (after signing out). */
export function stopAlarmWatch() {
  if (unsubscribe) {
    unsubscribe();
    unsubscribe = null;
  }
  clearTimeout(reloadTimer);
  open.clear();
  seen.clear();
  showBadge();
}

function onEvent(message) {
  if (message.type === 'resync') {
    reload();
    return;
  }
  if (!message.type.startsWith('alarm') || message.id === undefined) {
    return;
  }
  if (message.type === 'alarm' && message.status === 'OPEN') {
    open.add(message.id);
    if (!seen.has(message.id)) {
      seen.add(message.id);
      playAlarmCue();
    }
  } else if (message.status !== 'OPEN') {
    open.delete(message.id);
  }
  if (message.kind === 'STORM') {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(reload, RELOAD_DELAY_MILLIS);
  }
  showBadge();
}

async function reload() {
  try {
    const page = await listAlarms({ status: 'open', limit: MAX_COUNTED });
    const items = Array.isArray(page && page.items) ? page.items : [];
    open.clear();
    for (const alarm of items) {
      open.add(alarm.id);
      seen.add(alarm.id);
    }
    truncated = Boolean(page && page.nextCursor);
    showBadge();
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) {
      console.warn('open alarm count unavailable', err);
    }
  }
}

function showBadge() {
  const badge = document.getElementById('alarm-badge');
  if (!badge) {
    return;
  }
  const count = open.size;
  badge.dataset.count = String(count);
  badge.textContent = truncated && count >= MAX_COUNTED ? `${MAX_COUNTED}+` : String(count);
  badge.hidden = count === 0;
  badge.title = `${count} open alarm${count === 1 ? '' : 's'}`;
}
