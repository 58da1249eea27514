// Camera list: search (debounced), district and enabled filters, a table, and cursor paging.
// The API's cursor is opaque and only goes forward, so "previous" pops a stack of the cursors
// that led to the earlier pages. Filters live in the hash (#/cameras?q=..&district=..&enabled=..)
// so a reload keeps them; the cursor stack does not survive a reload and restarts at page 1.

import { ApiError, describeError, listCameras, listDistricts } from './api.js';
import { subscribe } from './events.js';
import { healthByCamera } from './monitor-api.js';
import { LatestRequest } from './latest-request.js';
import { cell } from './dom.js';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MILLIS = 300;
const COORDINATE_DECIMALS = 5;

/**
 * Renders the camera list into `view`.
 * @param {HTMLElement} view
 * @param {{params: URLSearchParams, replaceParams: function(object): void}} ctx
 * @returns {function(): void} cleanup: cancels the pending request and timer
 */
export function renderCameras(view, ctx) {
  view.append(document.getElementById('tpl-cameras').content.cloneNode(true));
  const el = {
    page: view.querySelector('#cameras-view'),
    title: view.querySelector('#cameras-title'),
    filters: view.querySelector('#camera-filters'),
    search: view.querySelector('#camera-search'),
    district: view.querySelector('#district-filter'),
    enabled: view.querySelector('#enabled-filter'),
    districtsError: view.querySelector('#districts-error'),
    loading: view.querySelector('#cameras-loading'),
    error: view.querySelector('#cameras-error'),
    errorText: view.querySelector('#cameras-error-text'),
    retry: view.querySelector('#cameras-retry'),
    table: view.querySelector('#cameras-table'),
    body: view.querySelector('#cameras-body'),
    empty: view.querySelector('#cameras-empty'),
    prev: view.querySelector('#page-prev'),
    next: view.querySelector('#page-next'),
    pageInfo: view.querySelector('#page-info'),
  };

  const enabledParam = ctx.params.get('enabled');
  const state = {
    q: (ctx.params.get('q') || '').trim(),
    district: ctx.params.get('district') || '',
    enabled: enabledParam === 'true' || enabledParam === 'false' ? enabledParam : '',
    /** Cursor of the page on screen; null for the first page. */
    cursor: null,
    /** Cursors of the pages before this one, oldest first (the first page's is null). */
    previous: [],
    nextCursor: null,
    rowCount: 0,
  };
  const pageRequest = new LatestRequest();
  const districtsRequest = new LatestRequest();
  const healthRequest = new LatestRequest();
  let debounceTimer = null;

  el.search.value = state.q;
  el.enabled.value = state.enabled;
  if (state.district) {
    // Selectable before /api/districts answers (and even if it fails).
    addDistrictOption(el.district, state.district, null);
    el.district.value = state.district;
  }

  function setStatus(status) {
    el.page.dataset.state = status;
    const loading = status === 'loading';
    el.loading.hidden = !loading;
    el.table.setAttribute('aria-busy', String(loading));
    el.prev.disabled = loading || state.previous.length === 0;
    el.next.disabled = loading || state.nextCursor === null;
  }

  async function load() {
    const signal = pageRequest.next();
    el.error.hidden = true;
    setStatus('loading');
    try {
      const page = await listCameras({
        q: state.q,
        district: state.district,
        enabled: state.enabled,
        limit: PAGE_SIZE,
        cursor: state.cursor,
      }, signal);
      const items = Array.isArray(page && page.items) ? page.items : [];
      state.nextCursor = page && page.nextCursor ? page.nextCursor : null;
      state.rowCount = items.length;
      renderRows(el.body, items);
      loadHealth();
      el.empty.hidden = items.length > 0;
      updatePageInfo();
      setStatus('ready');
    } catch (err) {
      if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return; // superseded by a newer request, or the app is on its way to the login page
      }
      state.nextCursor = null;
      state.rowCount = 0;
      el.body.replaceChildren();
      el.empty.hidden = true;
      el.pageInfo.textContent = '';
      el.errorText.textContent = 'Could not load cameras: ' + describeError(err);
      el.error.hidden = false;
      setStatus('error');
    }
  }

  function updatePageInfo() {
    const page = state.previous.length + 1;
    if (state.rowCount === 0) {
      el.pageInfo.textContent = `Page ${page} · no cameras`;
      return;
    }
    const first = state.previous.length * PAGE_SIZE + 1;
    const last = first + state.rowCount - 1;
    el.pageInfo.textContent = `Page ${page} · cameras ${first}–${last}`;
  }

  /** A filter changed: back to the first page, and remember the filters in the address. */
  function applyFilters() {
    state.cursor = null;
    state.previous = [];
    state.nextCursor = null;
    ctx.replaceParams({ q: state.q, district: state.district, enabled: state.enabled });
    load();
  }

  function searchNow() {
    clearTimeout(debounceTimer);
    debounceTimer = null;
    const q = el.search.value.trim();
    if (q !== state.q) {
      state.q = q;
      applyFilters();
    }
  }

  el.search.addEventListener('input', () => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(searchNow, SEARCH_DEBOUNCE_MILLIS);
  });
  el.filters.addEventListener('submit', (event) => {
    event.preventDefault(); // Enter in the search box searches at once
    searchNow();
  });
  el.district.addEventListener('change', () => {
    state.district = el.district.value;
    applyFilters();
  });
  el.enabled.addEventListener('change', () => {
    state.enabled = el.enabled.value;
    applyFilters();
  });
  el.next.addEventListener('click', () => {
    if (state.nextCursor === null) {
      return;
    }
    state.previous.push(state.cursor);
    state.cursor = state.nextCursor;
    load();
  });
  el.prev.addEventListener('click', () => {
    if (state.previous.length === 0) {
      return;
    }
    state.cursor = state.previous.pop();
    load();
  });
  el.retry.addEventListener('click', load);

  async function loadDistricts() {
    const signal = districtsRequest.next();
    try {
      const body = await listDistricts(signal);
      const items = Array.isArray(body && body.items) ? body.items : [];
      el.district.replaceChildren(el.district.options[0]);
      for (const item of items) {
        addDistrictOption(el.district, item.district, item.cameras);
      }
      addDistrictOption(el.district, state.district, null); // kept if the server no longer lists it
      el.district.value = state.district;
    } catch (err) {
      if (signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return;
      }
      el.districtsError.textContent = 'District list unavailable: ' + describeError(err);
      el.districtsError.hidden = false;
    }
  }

  /** State and reason of the cameras on the page (GET /api/health/cameras), filled in after the rows. */
  async function loadHealth() {
    const signal = healthRequest.next();
    const ids = Array.from(el.body.querySelectorAll('tr[data-camera-id]'), (tr) => tr.dataset.cameraId);
    if (ids.length === 0) {
      return;
    }
    try {
      const health = await healthByCamera({ district: state.district, wanted: ids }, signal);
      for (const tr of el.body.querySelectorAll('tr[data-camera-id]')) {
        const h = health.get(tr.dataset.cameraId);
        showHealth(tr, h ? h.state : null, h ? h.reason : null);
      }
    } catch (err) {
      if (!signal.aborted && !(err instanceof ApiError && err.status === 401)) {
        el.districtsError.textContent = 'Camera states unavailable: ' + describeError(err);
        el.districtsError.hidden = false;
      }
    }
  }

  const unsubscribe = subscribe((message) => {
    if (message.type === 'resync') {
      loadHealth();
    } else if (message.type === 'state') {
      const tr = Array.from(el.body.querySelectorAll('tr[data-camera-id]'))
        .find((row) => row.dataset.cameraId === message.cameraId);
      if (tr) {
        showHealth(tr, message.to, message.reason);
      }
    }
  });

  el.title.focus();
  loadDistricts();
  load();

  return () => {
    unsubscribe();
    clearTimeout(debounceTimer);
    healthRequest.abort();
    pageRequest.abort();
    districtsRequest.abort();
  };
}

/** Adds "Name (count)" to the district select unless an option for it is already there. */
function addDistrictOption(select, district, cameraCount) {
  if (typeof district !== 'string' || !district) {
    return;
  }
  if (Array.from(select.options).some((o) => o.value === district)) {
    return;
  }
  const option = document.createElement('option');
  option.value = district;
  option.textContent = typeof cameraCount === 'number' ? `${district} (${cameraCount})` : district;
  select.append(option);
}

function renderRows(tbody, cameras) {
  const rows = cameras.map((camera) => {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'camera-row';
    tr.dataset.cameraId = String(camera.id);
    if (camera.enabled === false) {
      tr.classList.add('is-disabled');
    }
    tr.append(
      cell(String(camera.id ?? ''), 'mono'),
      playbackCell(camera),
      cell(camera.district ?? ''),
      cell(formatLatLon(camera.lat, camera.lon), 'num mono'),
      tagsCell(camera.tags),
      enabledCell(camera.enabled),
      healthCell('camera-state'),
      healthCell('camera-reason'),
    );
    return tr;
  });
  tbody.replaceChildren(...rows);
}

/** The camera's name, linking to its playback page. */
function playbackCell(camera) {
  const td = document.createElement('td');
  const link = document.createElement('a');
  link.href = '#/playback?camera=' + encodeURIComponent(String(camera.id ?? ''));
  link.dataset.testid = 'camera-playback';
  link.textContent = camera.name ?? '';
  link.title = 'Play back recordings';
  td.append(link);
  return td;
}

function tagsCell(tags) {
  const td = document.createElement('td');
  for (const tag of Array.isArray(tags) ? tags : []) {
    const chip = document.createElement('span');
    chip.className = 'tag';
    chip.textContent = tag;
    td.append(chip);
  }
  return td;
}

function healthCell(testid) {
  const td = document.createElement('td');
  td.dataset.testid = testid;
  td.textContent = '…';
  return td;
}

/** Writes a row's State and Reason cells; state null = not watched (disabled, or just added). */
function showHealth(tr, state, reason) {
  const stateCell = tr.querySelector('[data-testid="camera-state"]');
  const reasonCell = tr.querySelector('[data-testid="camera-reason"]');
  tr.dataset.state = state || '';
  const badge = document.createElement('span');
  badge.className = state ? `state state-${state.toLowerCase()}` : 'state';
  badge.textContent = state ? state.replace(/_/g, ' ') : 'Not watched';
  stateCell.replaceChildren(badge);
  reasonCell.textContent = state ? reason || '' : '—';
  reasonCell.title = reasonCell.textContent;
}

function enabledCell(enabled) {
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = enabled ? 'status status-on' : 'status status-off';
  badge.textContent = enabled ? 'Enabled' : 'Disabled';
  td.append(badge);
  return td;
}

function formatLatLon(lat, lon) {
  if (typeof lat !== 'number' || typeof lon !== 'number') {
    return '—';
  }
  return `${lat.toFixed(COORDINATE_DECIMALS)}, ${lon.toFixed(COORDINATE_DECIMALS)}`;
}
