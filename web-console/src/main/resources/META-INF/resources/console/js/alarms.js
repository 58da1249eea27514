// Alarm panel: active (open + acknowledged), open, acknowledged or cleared alarms, newest first, from
// GET /api/alarms; new and changed alarms arrive on the event socket and are merged in place (a row's
// open acknowledgement form survives updates of other rows). Acknowledge with a note inline.

import { ApiError, describeError } from './api.js';
import { subscribe } from './events.js';
import { acknowledgeAlarm, listAlarms } from './monitor-api.js';
import { stateLabel } from './dashboard.js';
import { LatestRequest } from './latest-request.js';
import { cell } from './dom.js';

const PAGE_LIMIT = 200;
/**
 * The socket pushes a storm but not its member alarms: reload the list this long after a storm event
 * (the database lags the events by about a second).
 */
const STORM_RELOAD_MILLIS = 1500;
const ACK_ROLES = ['operator', 'supervisor', 'admin'];
/** A snapshot never goes back: OPEN → ACKNOWLEDGED → CLEARED (the list from the database may lag the events). */
const STATUS_RANK = { OPEN: 0, ACKNOWLEDGED: 1, CLEARED: 2 };
const FILTERS = {
  active: ['open', 'acknowledged'],
  open: ['open'],
  acknowledged: ['acknowledged'],
  cleared: ['cleared'],
};

/**
 * Renders the alarm panel into `view`.
 * @param {HTMLElement} view
 * @param {{params: URLSearchParams, replaceParams: function(object): void, user?: object}} ctx
 * @returns {function(): void} cleanup
 */
export function renderAlarms(view, ctx) {
  view.append(document.getElementById('tpl-alarms').content.cloneNode(true));
  const el = {
    page: view.querySelector('#alarms-view'),
    title: view.querySelector('#alarms-title'),
    filter: view.querySelector('#alarm-status-filter'),
    error: view.querySelector('#alarms-error'),
    body: view.querySelector('#alarms-body'),
    empty: view.querySelector('#alarms-empty'),
  };
  const roles = ctx.user && Array.isArray(ctx.user.roles) ? ctx.user.roles : [];
  const canAck = roles.some((r) => ACK_ROLES.includes(r));
  const requested = ctx.params.get('status') || 'active';
  let filter = FILTERS[requested] ? requested : 'active';
  el.filter.value = filter;
  /** id → {alarm, tr} */
  const rows = new Map();
  const latest = new LatestRequest();
  let stormTimer = null;

  async function load() {
    const signal = latest.next();
    el.page.dataset.state = 'loading';
    try {
      const pages = await Promise.all(FILTERS[filter].map((status) => listAlarms({ status, limit: PAGE_LIMIT }, signal)));
      const fresh = pages.flatMap((p) => (Array.isArray(p && p.items) ? p.items : []));
      for (const id of Array.from(rows.keys())) {
        if (!fresh.some((a) => a.id === id)) {
          remove(id);
        }
      }
      fresh.forEach(upsert);
      el.error.hidden = true;
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return;
      }
      el.error.textContent = 'Could not load alarms: ' + describeError(err);
      el.error.hidden = false;
      el.page.dataset.state = 'error';
    }
    showEmpty();
  }

  function matches(alarm) {
    return FILTERS[filter].includes(String(alarm.status).toLowerCase());
  }

  /** Adds or updates one alarm's row, keeping newest first; drops it when it no longer matches. */
  function upsert(alarm) {
    const known = rows.get(alarm.id);
    if (known && STATUS_RANK[alarm.status] < STATUS_RANK[known.alarm.status]) {
      return;
    }
    if (!matches(alarm)) {
      remove(alarm.id);
      return;
    }
    if (known) {
      if (JSON.stringify(known.alarm) === JSON.stringify(alarm)) {
        return; // the same snapshot again (from the list and from the socket): keep the row as it is
      }
      known.alarm = alarm;
      fillRow(known.tr, alarm, canAck, onAcked);
      return;
    }
    const tr = document.createElement('tr');
    fillRow(tr, alarm, canAck, onAcked);
    rows.set(alarm.id, { alarm, tr });
    const before = Array.from(rows.values())
      .filter((r) => r.tr.isConnected && newerFirst(alarm, r.alarm) < 0)
      .sort((a, b) => newerFirst(a.alarm, b.alarm))[0];
    el.body.insertBefore(tr, before ? before.tr : null);
  }

  function remove(id) {
    const known = rows.get(id);
    if (known) {
      known.tr.remove();
      rows.delete(id);
    }
  }

  function onAcked(alarm) {
    upsert(alarm);
    showEmpty();
  }

  function showEmpty() {
    el.empty.hidden = rows.size > 0 || el.page.dataset.state !== 'ready';
  }

  function onEvent(message) {
    if (message.type === 'resync') {
      load();
      return;
    }
    if (message.type.startsWith('alarm') && message.id !== undefined) {
      const { type, ...alarm } = message;
      upsert(alarm);
      showEmpty();
      if (alarm.kind === 'STORM') {
        clearTimeout(stormTimer);
        stormTimer = setTimeout(load, STORM_RELOAD_MILLIS);
      }
    }
  }

  el.filter.addEventListener('change', () => {
    filter = el.filter.value;
    ctx.replaceParams({ status: filter === 'active' ? '' : filter });
    for (const id of Array.from(rows.keys())) {
      remove(id);
    }
    load();
  });

  const unsubscribe = subscribe(onEvent);
  el.title.focus();
  load();
  return () => {
    unsubscribe();
    clearTimeout(stormTimer);
    latest.abort();
  };
}

function newerFirst(a, b) {
  const byTime = String(b.raisedAt).localeCompare(String(a.raisedAt));
  return byTime !== 0 ? byTime : b.id - a.id;
}

/** (Re)writes a row; an acknowledgement form being filled in stays while the alarm is still open. */
function fillRow(tr, alarm, canAck, onAcked) {
  tr.dataset.testid = 'alarm-row';
  tr.dataset.alarmId = String(alarm.id);
  tr.dataset.cameraId = alarm.cameraId || '';
  tr.dataset.status = alarm.status;
  tr.dataset.severity = alarm.severity;
  tr.dataset.kind = alarm.kind;
  const keepForm = alarm.status === 'OPEN' && tr.querySelector('form');
  const action = keepForm ? tr.lastElementChild : actionCell(tr, alarm, canAck, onAcked);
  tr.replaceChildren(
    cell(formatTime(alarm.raisedAt), 'mono', 'alarm-raised'),
    severityCell(alarm.severity),
    sourceCell(alarm),
    cell(alarm.message || '', null, 'alarm-reason'),
    statusCell(alarm),
    action,
  );
}

function severityCell(severity) {
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = `severity severity-${String(severity).toLowerCase()}`;
  badge.dataset.testid = 'alarm-severity';
  badge.textContent = severity;
  td.append(badge);
  return td;
}

function sourceCell(alarm) {
  const td = document.createElement('td');
  td.dataset.testid = 'alarm-source';
  const what = document.createElement('div');
  what.className = 'mono';
  what.textContent = alarm.cameraId || stateLabel(alarm.kind); // Storm, Storage, Node lost, Unassigned
  const where = document.createElement('div');
  where.className = 'alarm-district';
  where.textContent = alarm.district || '';
  td.append(what, where);
  if (Array.isArray(alarm.members) && alarm.members.length > 0) {
    const details = document.createElement('details');
    details.dataset.testid = 'alarm-members';
    const summary = document.createElement('summary');
    summary.textContent = `${alarm.members.length} camera${alarm.members.length === 1 ? '' : 's'}`;
    const list = document.createElement('ul');
    list.className = 'alarm-member-list';
    for (const member of alarm.members) {
      const li = document.createElement('li');
      li.className = 'mono';
      li.textContent = member;
      list.append(li);
    }
    details.append(summary, list);
    td.append(details);
  }
  return td;
}

function statusCell(alarm) {
  const td = document.createElement('td');
  const status = document.createElement('span');
  status.className = `alarm-status alarm-status-${String(alarm.status).toLowerCase()}`;
  status.dataset.testid = 'alarm-status';
  status.textContent = alarm.status.charAt(0) + alarm.status.slice(1).toLowerCase();
  td.append(status);
  if (alarm.ackedBy) {
    const acked = document.createElement('div');
    acked.className = 'alarm-acked';
    acked.dataset.testid = 'alarm-acked';
    acked.textContent = `by ${alarm.ackedBy} at ${formatTime(alarm.ackedAt)}` + (alarm.ackNote ? ` — ${alarm.ackNote}` : '');
    td.append(acked);
  }
  if (alarm.clearedAt) {
    const cleared = document.createElement('div');
    cleared.className = 'alarm-acked';
    cleared.textContent = `cleared ${formatTime(alarm.clearedAt)}` + (alarm.clearedReason ? `: ${alarm.clearedReason}` : '');
    td.append(cleared);
  }
  return td;
}

function actionCell(tr, alarm, canAck, onAcked) {
  const td = document.createElement('td');
  td.className = 'alarm-action';
  if (!canAck || alarm.status !== 'OPEN') {
    return td;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.dataset.testid = 'alarm-ack';
  button.textContent = 'Acknowledge';
  button.addEventListener('click', () => td.replaceChildren(ackForm(td, button, alarm, onAcked)));
  td.append(button);
  return td;
}

function ackForm(td, button, alarm, onAcked) {
  const form = document.createElement('form');
  form.className = 'ack-form';
  form.dataset.testid = 'alarm-ack-form';
  form.noValidate = true;
  const note = document.createElement('input');
  note.type = 'text';
  note.maxLength = 1000;
  note.placeholder = 'Note (optional)';
  note.setAttribute('aria-label', `Note for alarm ${alarm.id}`);
  note.dataset.testid = 'alarm-ack-note';
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'button button-primary';
  submit.dataset.testid = 'alarm-ack-submit';
  submit.textContent = 'Acknowledge';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button button-quiet';
  cancel.dataset.testid = 'alarm-ack-cancel';
  cancel.textContent = 'Cancel';
  const error = document.createElement('div');
  error.className = 'form-error';
  error.setAttribute('role', 'alert');
  error.dataset.testid = 'alarm-ack-error';
  error.hidden = true;
  cancel.addEventListener('click', () => td.replaceChildren(button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      onAcked(await acknowledgeAlarm(alarm.id, note.value.trim()));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        return;
      }
      error.textContent = 'Could not acknowledge: ' + describeError(err);
      error.hidden = false;
      submit.disabled = false;
    }
  });
  form.append(note, submit, cancel, error);
  setTimeout(() => note.focus(), 0);
  return form;
}

function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}
