// Dashboard: camera counts per state, overall and per district, kept current from the event socket's
// state changes; reloaded on "resync" (or reconnect). The counts are those of GET /api/monitor/summary,
// but computed here from the health list (GET /api/health/cameras): knowing each camera's state lets a
// state event that the loaded list already reflects (it raced the load) be applied without counting twice.

import { ApiError, describeError } from './api.js';
import { subscribe } from './events.js';
import { STATES, healthByCamera } from './monitor-api.js';
import { LatestRequest } from './latest-request.js';

/**
 * Renders the dashboard into `view`.
 * @returns {function(): void} cleanup
 */
export function renderDashboard(view) {
  view.append(document.getElementById('tpl-dashboard').content.cloneNode(true));
  const el = {
    page: view.querySelector('#dashboard-view'),
    title: view.querySelector('#dashboard-title'),
    total: view.querySelector('#dashboard-total'),
    counts: view.querySelector('#dashboard-counts'),
    error: view.querySelector('#dashboard-error'),
    body: view.querySelector('#districts-body'),
  };
  /** @type {{states: Object<string, number>, districts: Object<string, Object<string, number>>}|null} */
  let summary = null;
  /** cameraId → {district, state} as counted. */
  let cameras = new Map();
  const latest = new LatestRequest();

  async function load() {
    const signal = latest.next();
    el.page.dataset.state = 'loading';
    try {
      const health = await healthByCamera({}, signal);
      cameras = new Map(Array.from(health.values(), (h) => [h.cameraId, { district: h.district || 'unknown', state: h.state }]));
      summary = { states: zeroCounts(), districts: {} };
      for (const camera of cameras.values()) {
        summary.districts[camera.district] = summary.districts[camera.district] || zeroCounts();
        move(camera, null, camera.state);
      }
      el.error.hidden = true;
      draw();
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return;
      }
      el.error.textContent = 'Could not load the summary: ' + describeError(err);
      el.error.hidden = false;
      el.page.dataset.state = 'error';
    }
  }

  function onEvent(message) {
    if (message.type === 'resync') {
      load();
      return;
    }
    if (message.type !== 'state' || !summary) {
      return;
    }
    const camera = cameras.get(message.cameraId);
    if (camera === undefined) {
      load(); // a camera this page has not seen yet (just registered): the counts need the server's view
      return;
    }
    if (camera.state !== message.to) {
      move(camera, camera.state, message.to);
      camera.state = message.to;
      draw();
    }
  }

  /** Moves one camera between two states' counts (from null: counts it the first time). */
  function move(camera, from, to) {
    for (const counts of [summary.states, summary.districts[camera.district]]) {
      if (from) {
        counts[from] -= 1;
      }
      counts[to] = (counts[to] || 0) + 1;
    }
  }

  function draw() {
    const total = STATES.reduce((sum, s) => sum + (summary.states[s] || 0), 0);
    el.total.textContent = `${total} camera${total === 1 ? '' : 's'} watched`;
    if (el.counts.childElementCount === 0) {
      el.counts.append(...STATES.map(countTile));
    }
    for (const state of STATES) {
      el.counts.querySelector(`#count-${state}`).textContent = String(summary.states[state] || 0);
    }
    const names = Object.keys(summary.districts).sort();
    el.body.replaceChildren(...names.map((name) => districtRow(name, summary.districts[name])));
  }

  const unsubscribe = subscribe(onEvent);
  el.title.focus();
  load();
  return () => {
    unsubscribe();
    latest.abort();
  };
}

function zeroCounts() {
  return Object.fromEntries(STATES.map((s) => [s, 0]));
}

function countTile(state) {
  const tile = document.createElement('div');
  tile.className = `count-tile state-${state.toLowerCase()}`;
  const number = document.createElement('span');
  number.className = 'count-number';
  number.dataset.testid = `count-${state}`;
  number.id = `count-${state}`;
  const label = document.createElement('span');
  label.className = 'count-label';
  label.textContent = stateLabel(state);
  tile.append(number, label);
  return tile;
}

function districtRow(name, counts) {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'district-row';
  tr.dataset.district = name;
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = name;
  tr.append(th);
  for (const state of STATES) {
    const td = document.createElement('td');
    td.className = 'num';
    td.dataset.state = state;
    td.textContent = String(counts[state] || 0);
    tr.append(td);
  }
  return tr;
}

/** "AUTH_FAILED" → "Auth failed". */
export function stateLabel(state) {
  const text = String(state || '').toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
