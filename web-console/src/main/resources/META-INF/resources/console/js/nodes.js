// Recorder nodes (#/nodes): each node's state, cameras against capacity, ingest, CPU, disk and free days, its
// last heartbeat's age, the cameras to record that have no node, and the active cluster alarms (NODE_LOST,
// UNASSIGNED). GET /api/nodes every REFRESH_MILLIS and at once on a `nodes` event (the server's check saw a
// state or the unassigned count change); the heartbeat ages tick every second in between. The alarms come
// from GET /api/alarms (district "cluster") at start and on resync, and are kept from the alarm events.

import { ApiError, describeError, request } from './api.js';
import { subscribe } from './events.js';
import { listAlarms } from './monitor-api.js';
import { stateLabel } from './dashboard.js';
import { LatestRequest } from './latest-request.js';
import { cell } from './dom.js';

const REFRESH_MILLIS = 5000;
const TICK_MILLIS = 1000;
/** Free days below this are shown in red: the node's disk fills before a week of recording. */
const FREE_DAYS_WARNING = 7;
const CLUSTER_KINDS = ['NODE_LOST', 'UNASSIGNED'];
const GIB = 1024 ** 3;

/**
 * Renders the nodes page into `view`.
 * @returns {function(): void} cleanup
 */
export function renderNodes(view) {
  view.append(document.getElementById('tpl-nodes').content.cloneNode(true));
  const el = {
    page: view.querySelector('#nodes-view'),
    title: view.querySelector('#nodes-title'),
    summary: view.querySelector('#nodes-summary'),
    error: view.querySelector('#nodes-error'),
    single: view.querySelector('#nodes-single'),
    unassigned: view.querySelector('#nodes-unassigned'),
    unassignedCount: view.querySelector('#nodes-unassigned-count'),
    recorded: view.querySelector('#nodes-recorded'),
    alarms: view.querySelector('#nodes-alarms'),
    body: view.querySelector('#nodes-body'),
    empty: view.querySelector('#nodes-empty'),
  };
  /** id → active cluster alarm */
  const alarms = new Map();
  let loadedAt = 0;
  let nodes = [];
  const latest = new LatestRequest();
  const alarmsController = new AbortController();

  async function load() {
    const signal = latest.next();
    try {
      const overview = await request('GET', '/nodes', { signal });
      loadedAt = Date.now();
      nodes = Array.isArray(overview.nodes) ? overview.nodes : [];
      drawOverview(overview);
      drawNodes();
      el.error.hidden = true;
      el.page.dataset.state = 'ready';
    } catch (err) {
      failed(err, signal, 'Could not load the recorder nodes: ');
    }
  }

  /**
   * The active cluster alarms from the list, at start and on resync only: in between the events keep them (the
   * list lags the events by about a second, so a reload could drop an alarm just raised).
   */
  async function loadAlarms() {
    const signal = alarmsController.signal;
    try {
      const pages = await Promise.all(['open', 'acknowledged']
        .map((status) => listAlarms({ status, district: 'cluster', limit: 50 }, signal)));
      alarms.clear();
      pages.flatMap((p) => (Array.isArray(p && p.items) ? p.items : []))
        .filter((a) => CLUSTER_KINDS.includes(a.kind)).forEach((a) => alarms.set(a.id, a));
      drawAlarms();
    } catch (err) {
      failed(err, signal, 'Could not load the cluster alarms: ');
    }
  }

  function failed(err, signal, what) {
    if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
      return;
    }
    el.error.textContent = what + describeError(err);
    el.error.hidden = false;
    el.page.dataset.state = 'error';
  }

  function drawOverview(overview) {
    const t = overview.totals || {};
    el.summary.textContent = `${t.nodes || 0} node${t.nodes === 1 ? '' : 's'}: ${t.live || 0} live, ${t.lost || 0} lost`
      + ` — ${t.cameras || 0} cameras, ${mbits(t.ingestBps || 0)} Mbit/s`;
    el.single.hidden = overview.clusterEnabled;
    el.unassigned.hidden = !overview.clusterEnabled;
    const count = overview.unassignedCameras || 0;
    el.unassigned.dataset.count = String(count);
    el.unassignedCount.textContent = String(count);
    el.recorded.textContent = `(of ${overview.recordedCameras} to record)`;
  }

  function drawNodes() {
    el.body.replaceChildren(...nodes.map(nodeRow));
    el.empty.hidden = nodes.length > 0;
    tick();
  }

  /** Heartbeat ages move on between loads: the server's age plus the time since the answer. */
  function tick() {
    const since = Date.now() - loadedAt;
    for (const cell of el.body.querySelectorAll('[data-testid="node-heartbeat"]')) {
      cell.textContent = age(Number(cell.dataset.ageMillis) + since);
    }
  }

  function drawAlarms() {
    const active = Array.from(alarms.values()).sort((a, b) => b.id - a.id);
    el.alarms.replaceChildren(...active.map(alarmItem));
    el.alarms.hidden = active.length === 0;
  }

  function onEvent(message) {
    if (message.type === 'resync') {
      load();
      loadAlarms();
      return;
    }
    if (message.type === 'nodes') {
      load();
      return;
    }
    if (message.type.startsWith('alarm') && CLUSTER_KINDS.includes(message.kind)) {
      const { type, ...alarm } = message;
      if (alarm.status === 'CLEARED') {
        alarms.delete(alarm.id);
      } else {
        alarms.set(alarm.id, alarm);
      }
      drawAlarms();
    }
  }

  const unsubscribe = subscribe(onEvent);
  const refresh = setInterval(load, REFRESH_MILLIS);
  const ticker = setInterval(tick, TICK_MILLIS);
  el.title.focus();
  load();
  loadAlarms();
  return () => {
    unsubscribe();
    clearInterval(refresh);
    clearInterval(ticker);
    alarmsController.abort();
    latest.abort();
  };
}

function nodeRow(node) {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'node-row';
  tr.dataset.nodeId = node.nodeId;
  tr.dataset.state = node.state;
  const id = cell(node.nodeId, 'mono', 'node-id');
  if (node.url) {
    id.title = node.url;
  }
  const heartbeat = cell('', 'num', 'node-heartbeat');
  heartbeat.dataset.ageMillis = String(node.heartbeatAgeMillis);
  heartbeat.title = node.heartbeatAt;
  tr.append(id, stateCell(node), camerasCell(node),
    cell(mbits(node.ingestBps), 'num', 'node-ingest'),
    cell(node.cpuPercent == null ? '—' : `${node.cpuPercent.toFixed(0)} %`, 'num', 'node-cpu'),
    cell(node.diskUsedBytes == null ? '—' : `${gib(node.diskUsedBytes)} / ${gib(node.diskFreeBytes)} GiB`, 'num', 'node-disk'),
    freeDaysCell(node.freeDays), heartbeat);
  return tr;
}

function stateCell(node) {
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = `state node-state-${node.state.toLowerCase()}`;
  badge.dataset.testid = 'node-state';
  badge.textContent = stateLabel(node.state);
  if (node.state === 'LOST') {
    badge.title = `Reported ${node.reportedState}; no heartbeat within the lease TTL`;
  }
  td.append(badge);
  return td;
}

function camerasCell(node) {
  const td = document.createElement('td');
  td.dataset.testid = 'node-cameras';
  td.className = 'node-cameras';
  const meter = document.createElement('meter');
  meter.className = 'node-load';
  meter.min = 0;
  meter.max = Math.max(node.capacity, 1);
  meter.high = meter.max * 0.9;
  meter.value = node.cameras;
  const text = document.createElement('span');
  text.className = 'node-load-text';
  text.textContent = `${node.cameras} / ${node.capacity}`;
  td.append(meter, text);
  td.title = `${node.leases} live leases`;
  return td;
}

function freeDaysCell(days) {
  const td = cell(days == null ? '—' : days.toFixed(1), 'num', 'node-free-days');
  const low = days != null && days < FREE_DAYS_WARNING;
  td.dataset.low = String(low);
  td.classList.toggle('free-days-low', low);
  return td;
}

function alarmItem(alarm) {
  const li = document.createElement('li');
  li.dataset.testid = 'nodes-alarm';
  li.dataset.kind = alarm.kind;
  li.dataset.alarmId = String(alarm.id);
  const badge = document.createElement('span');
  badge.className = `severity severity-${String(alarm.severity).toLowerCase()}`;
  badge.textContent = stateLabel(alarm.kind);
  const text = document.createElement('span');
  text.className = 'nodes-alarm-text';
  text.textContent = alarm.message || '';
  const link = document.createElement('a');
  link.href = '#/alarms';
  link.textContent = 'Alarms';
  li.append(badge, text, link);
  return li;
}

function mbits(bps) {
  return (bps / 1e6).toFixed(1);
}

function gib(bytes) {
  return bytes == null ? '—' : (bytes / GIB).toFixed(1);
}

/** "4 s ago", "3 min ago", "2 h ago". */
function age(millis) {
  const s = Math.max(0, Math.round(millis / 1000));
  if (s < 120) {
    return `${s} s ago`;
  }
  return s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}
