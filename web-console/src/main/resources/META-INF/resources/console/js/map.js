// Map: places coloured by coverage, camera view cones coloured by state, gaps shaded, district outlines on a
// plain background (tiles only when the server names a tile URL: GET /api/map/settings). Live mode follows the
// event socket: a `state` message recolours the camera's cone at once; the `coverage` message that follows it
// (sent once the server's engine has the change) reloads the coverage of the places near that camera and the
// rate. Technicians and admins move and turn a selected camera's cone and save it (PATCH /api/cameras/{id}).
// See docs/design/coverage-map.md.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { ApiError, describeError } from './api.js';
import { subscribe } from './events.js';
import { healthByCamera } from './monitor-api.js';
import { stateLabel } from './dashboard.js';
import { ConeEditor } from './map-cone-editor.js';
import { coverageClass, percent, sector } from './map-geometry.js';
import { applyTileSettings } from './map-tiles.js';
import {
  allCameras, coverageSummary, districtOutlines, getCamera, mapPlaces, mapSettings, placeCoverage, saveCone,
} from './map-api.js';
import { LatestRequest } from './latest-request.js';

const MODES = ['live', 'designed'];
const EDIT_ROLES = ['technician', 'admin'];
/** Gaps are fetched one place at a time; beyond this many places the map says so instead. */
const MAX_GAP_PLACES = 200;
const GAP_FETCHES_AT_ONCE = 4;
/** Coverage messages arrive in bursts (a district losing power): reload the affected places once per burst. */
const REFRESH_DELAY_MILLIS = 150;
const PLACE_STATE_LABELS = { covered: 'Covered', partial: 'Partly covered', gap: 'Gap' };
/** Below this zoom a place (tens of metres) is a pixel or less: it is also shown as a dot in its colour. */
const DOT_BELOW_ZOOM = 16;

/**
 * Renders the map page into `view`.
 * @returns {function(): void} cleanup
 */
export function renderMap(view, ctx) {
  view.append(document.getElementById('tpl-map').content.cloneNode(true));
  const $ = (id) => view.querySelector('#' + id);
  const el = {
    page: $('map-view'), title: $('map-title'), rate: $('map-rate'), mode: $('map-mode'), district: $('map-district'),
    error: $('map-error'), notice: $('map-notice'), canvas: $('map-canvas'), hint: $('map-hint'),
    placeBox: $('place-details'), cameraBox: $('camera-details'), rows: $('map-places-body'), empty: $('map-places-empty'),
    coneForm: $('cone-form'), coneError: $('cone-error'), coneResult: $('cone-result'), coneSave: $('cone-save'),
  };
  const canEdit = Array.isArray(ctx.user && ctx.user.roles) && ctx.user.roles.some((r) => EDIT_ROLES.includes(r));
  let mode = MODES.includes(ctx.params.get('mode')) ? ctx.params.get('mode') : 'live';
  let district = ctx.params.get('district') || '';
  el.mode.value = mode;

  // A view from the start: Leaflet adds layers (and their SVG elements, which carry the data-* hooks) only to a
  // map that has one. The first load fits the view to the districts and places.
  const map = L.map(el.canvas, { attributionControl: false, zoomControl: true, minZoom: 2 }).setView([0, 0], 2);
  // Stacking, bottom to top (z-index in console.css): districts, cones, places, gaps; handles on the marker pane.
  for (const pane of ['districts', 'cones', 'places', 'gaps']) {
    map.createPane(pane);
  }
  const layers = {
    districts: L.layerGroup().addTo(map),
    places: L.layerGroup().addTo(map),
    dots: L.layerGroup(),
    gaps: L.layerGroup().addTo(map),
    cones: L.layerGroup().addTo(map),
    edit: L.layerGroup().addTo(map),
  };
  /** id → {data, layer, gap, row} */
  let places = new Map();
  /** id → {data (the camera), health ({state, reason} or null), layer} */
  let cameras = new Map();
  let selected = null; // {kind: 'place'|'camera', id}
  const editor = new ConeEditor(layers.edit, (key) => $('cone-' + key), draftChanged);
  const latest = new LatestRequest();
  let settingsApplied = false;
  let fitted = false;
  const pendingPlaces = new Set();
  /** Events that arrived while a load was in flight: applied to what the load draws (it may predate them). */
  let during = null;
  let pendingSummary = false;
  let refreshTimer = null;

  async function load() {
    const signal = latest.next();
    el.page.dataset.state = 'loading';
    el.page.dataset.gaps = 'loading';
    during = { states: new Map(), coverage: [] };
    try {
      const [settings, outlines, placeList, cameraList, health, summary] = await Promise.all([
        settingsApplied ? null : mapSettings(signal),
        districtOutlines(signal),
        mapPlaces(mode, district, signal),
        allCameras(district, signal),
        healthByCamera({ district }, signal),
        coverageSummary(mode, district, signal),
      ]);
      if (settings) {
        applySettings(settings);
      }
      const missed = during;
      during = null;
      drawDistricts(outlines);
      drawCameras(cameraList, health, missed.states);
      drawPlaces(placeList.items || []);
      drawSummary(summary);
      missed.coverage.forEach(onCoverageMessage);
      if (!fitted) {
        fitToContent();
        fitted = true;
      }
      refreshSelection();
      el.error.hidden = true;
      el.page.dataset.state = 'ready';
      await loadGaps(Array.from(places.values()), signal);
      el.page.dataset.gaps = 'ready';
    } catch (err) {
      if (signal.aborted) {
        return; // a newer load runs
      }
      during = null;
      if (err instanceof ApiError && err.status === 401) {
        return;
      }
      el.error.textContent = 'Could not load the map: ' + describeError(err);
      el.error.hidden = false;
      el.page.dataset.state = 'error';
    }
  }

  function applySettings(settings) {
    settingsApplied = true;
    applyTileSettings(map, settings, el.canvas);
  }

  // --- Districts -----------------------------------------------------------

  function drawDistricts(outlines) {
    layers.districts.clearLayers();
    const features = Array.isArray(outlines && outlines.features) ? outlines.features : [];
    const names = features.map((f) => f.properties.district);
    fillDistrictSelect(names);
    for (const feature of features) {
      const layer = L.geoJSON(feature, { pane: 'districts', interactive: false, style: () => ({ className: 'map-district' }) });
      layers.districts.addLayer(layer);
      const name = feature.properties.district;
      layer.getLayers().forEach((l) => mark(l, { testid: 'map-district-outline', district: name }));
      if (!district || district === name) {
        layers.districts.addLayer(L.marker(layer.getBounds().getCenter(), {
          pane: 'districts',
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'map-district-label', html: '', iconSize: null }),
        }).on('add', (e) => { e.target.getElement().textContent = name; }));
      }
    }
  }

  function fillDistrictSelect(names) {
    if (el.district.options.length > 1) {
      return;
    }
    for (const name of names) {
      el.district.append(new Option(name, name));
    }
    el.district.value = names.includes(district) ? district : '';
  }

  // --- Places --------------------------------------------------------------

  function drawPlaces(items) {
    layers.places.clearLayers();
    layers.dots.clearLayers();
    layers.gaps.clearLayers();
    places = new Map();
    const sorted = items.slice().sort((a, b) => a.district.localeCompare(b.district) || a.name.localeCompare(b.name));
    for (const data of sorted) {
      const place = { data, layer: null, dot: null, gap: null, row: placeRow(data) };
      const onClick = (e) => { L.DomEvent.stopPropagation(e); select({ kind: 'place', id: data.id }); };
      place.layer = L.geoJSON(data.geometry, { pane: 'places', style: () => ({ className: 'map-place' }) })
        .on('click', onClick);
      layers.places.addLayer(place.layer);
      place.dot = L.circleMarker(place.layer.getBounds().getCenter(), { pane: 'places', radius: 6, className: 'map-place-dot' })
        .on('click', onClick);
      layers.dots.addLayer(place.dot);
      places.set(data.id, place);
      stylePlace(place);
    }
    el.rows.replaceChildren(...sorted.map((d) => places.get(d.id).row));
    el.empty.hidden = sorted.length > 0;
  }

  function placeRow(data) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'map-place-row';
    tr.dataset.placeId = data.id;
    tr.tabIndex = 0;
    const name = document.createElement('td');
    const value = document.createElement('td');
    value.className = 'num';
    tr.append(name, value);
    tr.addEventListener('click', () => select({ kind: 'place', id: data.id }, true));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select({ kind: 'place', id: data.id }, true);
      }
    });
    return tr;
  }

  function stylePlace(place) {
    const { data } = place;
    const state = coverageClass(data.coverage, data.required);
    place.layer.getLayers().forEach((l) => mark(l, { testid: 'map-place', placeId: data.id, state }));
    mark(place.dot, { testid: 'map-place-dot', placeId: data.id, state });
    const tip = textNode(`${data.name}: ${percent(data.coverage)}`);
    if (place.layer.getTooltip()) {
      place.layer.setTooltipContent(tip);
    } else {
      place.layer.bindTooltip(tip, { sticky: true });
    }
    place.row.dataset.state = state;
    place.row.classList.toggle('is-selected', Boolean(selected && selected.kind === 'place' && selected.id === data.id));
    const [name, value] = place.row.children;
    name.textContent = data.name;
    value.replaceChildren(badge(PLACE_STATE_LABELS[state], `place-${state}`), document.createTextNode(' ' + percent(data.coverage)));
  }

  /** Loads and shades the gaps of every place that is not fully seen (a few at a time). */
  async function loadGaps(list, signal) {
    const wanted = list.filter((p) => p.data.coverage < 0.9999);
    const shown = wanted.slice(0, MAX_GAP_PLACES);
    el.notice.hidden = wanted.length <= MAX_GAP_PLACES;
    el.notice.textContent = `Gaps are shaded for ${MAX_GAP_PLACES} of ${wanted.length} places not fully seen;`
      + ' choose a district to see all of its gaps.';
    const queue = shown.slice();
    const worker = async () => {
      while (queue.length && !signal.aborted) {
        await refreshPlace(queue.shift().data.id, signal);
      }
    };
    await Promise.all(Array.from({ length: GAP_FETCHES_AT_ONCE }, worker));
  }

  /** Reloads one place's coverage (numbers, counted cameras, gaps) and redraws it. */
  async function refreshPlace(id, signal) {
    let body;
    try {
      body = await placeCoverage(id, mode, signal);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        return; // deleted meanwhile; the next full load drops it
      }
      throw err;
    }
    const place = places.get(id);
    if (!place || body.mode !== mode) {
      return;
    }
    Object.assign(place.data, { coverage: body.coverage, required: body.required, covered: body.covered,
      cameras: body.cameras });
    stylePlace(place);
    if (place.gap) {
      layers.gaps.removeLayer(place.gap);
      place.gap = null;
    }
    if (body.gaps && Array.isArray(body.gaps.coordinates) && body.gaps.coordinates.length) {
      place.gap = L.geoJSON(body.gaps, { pane: 'gaps', interactive: false, style: () => ({ className: 'map-gap' }) });
      layers.gaps.addLayer(place.gap);
      place.gap.getLayers().forEach((l) => mark(l, { testid: 'map-gap', placeId: id }));
    }
    if (selected && selected.kind === 'place' && selected.id === id) {
      showPlace(place);
    }
  }

  // --- Cameras -------------------------------------------------------------

  function drawCameras(list, health, newer) {
    layers.cones.clearLayers();
    cameras = new Map();
    for (const data of list) {
      const h = newer.get(data.id) || health.get(data.id);
      const camera = { data, health: h ? { state: h.state, reason: h.reason } : null, layer: null };
      cameras.set(data.id, camera);
      drawCone(camera);
    }
  }

  function drawCone(camera) {
    const cone = camera === selectedCamera() && editor.draft ? editor.draft : camera.data;
    if (camera.layer) {
      camera.layer.setLatLngs(sector(cone));
    } else {
      camera.layer = L.polygon(sector(cone), { pane: 'cones', className: 'map-cone' })
        .on('click', (e) => { L.DomEvent.stopPropagation(e); select({ kind: 'camera', id: camera.data.id }); });
      camera.layer.bindTooltip(() => textNode(camera.data.name), { sticky: true });
      layers.cones.addLayer(camera.layer);
    }
    styleCone(camera);
  }

  function styleCone(camera) {
    mark(camera.layer, {
      testid: 'map-cone',
      cameraId: camera.data.id,
      state: camera.data.enabled ? (camera.health ? camera.health.state : 'UNWATCHED') : 'DISABLED',
      selected: String(camera === selectedCamera()),
    });
  }

  function selectedCamera() {
    return selected && selected.kind === 'camera' ? cameras.get(selected.id) : undefined;
  }

  // --- Selection and details -------------------------------------------------

  function select(target, pan = false) {
    const previous = selectedCamera();
    selected = target;
    editor.stop();
    if (previous) {
      drawCone(previous);
    }
    for (const place of places.values()) {
      place.row.classList.toggle('is-selected', target.kind === 'place' && place.data.id === target.id);
    }
    refreshSelection();
    if (pan) {
      const layer = target.kind === 'place' ? (places.get(target.id) || {}).layer : (cameras.get(target.id) || {}).layer;
      if (layer) {
        map.fitBounds(layer.getBounds(), { maxZoom: 18, padding: [40, 40] });
      }
    }
  }

  function refreshSelection() {
    const place = selected && selected.kind === 'place' ? places.get(selected.id) : undefined;
    const camera = selectedCamera();
    el.hint.hidden = Boolean(place || camera);
    el.placeBox.hidden = !place;
    el.cameraBox.hidden = !camera;
    if (place) {
      showPlace(place);
    }
    if (camera) {
      showCamera(camera);
    }
  }

  function showPlace(place) {
    const { data } = place;
    const state = coverageClass(data.coverage, data.required);
    $('place-name').textContent = data.name;
    $('place-coverage').textContent = `${percent(data.coverage)} (${mode})`;
    $('place-required').textContent = percent(data.required);
    const stateEl = $('place-state');
    stateEl.textContent = PLACE_STATE_LABELS[state];
    stateEl.className = `badge place-${state}`;
    stateEl.dataset.state = state;
    $('place-district').textContent = data.district || '—';
    $('place-category').textContent = data.category || '—';
    const list = $('place-cameras');
    const ids = Array.isArray(data.cameras) ? data.cameras : [];
    list.replaceChildren(...ids.map((id) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button-quiet';
      button.dataset.testid = 'place-camera';
      button.dataset.cameraId = id;
      const camera = cameras.get(id);
      button.textContent = camera ? `${camera.data.name} (${id})` : id;
      button.addEventListener('click', () => select({ kind: 'camera', id }, true));
      li.append(button);
      return li;
    }));
    if (!ids.length) {
      const li = document.createElement('li');
      li.className = 'map-hint';
      li.textContent = mode === 'live' ? 'No camera online sees this place.' : 'No enabled camera sees this place.';
      list.append(li);
    }
  }

  function showCamera(camera) {
    const { data } = camera;
    $('camera-name').textContent = data.name;
    $('camera-detail-id').textContent = data.id;
    const state = data.enabled ? (camera.health ? camera.health.state : null) : null;
    const stateEl = $('camera-detail-state');
    stateEl.textContent = !data.enabled ? 'Disabled' : state ? stateLabel(state) : 'Not watched';
    stateEl.className = `badge ${state ? 'state-' + state.toLowerCase() : ''}`;
    stateEl.dataset.state = state || (data.enabled ? 'UNWATCHED' : 'DISABLED');
    $('camera-detail-reason').textContent = camera.health && camera.health.reason ? camera.health.reason : '—';
    showSnapshot(data.id);
    el.coneForm.hidden = !canEdit;
    if (canEdit && !editor.draft) {
      startEditing(camera);
    }
  }

  /** The latest recorded picture (the keyframe nearest now), or an honest note when there is none. */
  function showSnapshot(id) {
    const img = $('camera-snapshot');
    const note = $('camera-snapshot-note');
    if (img.dataset.cameraId === id) {
      return;
    }
    img.dataset.cameraId = id;
    img.hidden = true;
    note.textContent = 'Loading the latest recorded picture…';
    img.onload = () => {
      img.hidden = false;
      note.textContent = 'Latest recorded picture (keyframe nearest now).';
    };
    img.onerror = () => {
      img.hidden = true;
      note.textContent = 'No snapshot: nothing recorded for this camera yet.';
    };
    img.src = `/api/cameras/${encodeURIComponent(id)}/thumbnail.jpg?at=${encodeURIComponent(new Date().toISOString())}`;
  }

  // --- Saving a cone (technicians, admins) ------------------------------------

  async function saveDraft(event) {
    event.preventDefault();
    const camera = selectedCamera();
    if (!camera || !editor.draft) {
      return;
    }
    // NaN goes out as null: the server answers which field is missing.
    const values = editor.values();
    const before = coneBounds(camera.data);
    el.coneSave.disabled = true;
    el.coneError.hidden = true;
    el.coneResult.hidden = true;
    try {
      camera.data = await saveCone(camera.data.id, values);
      editor.start(camera.data);
      drawCone(camera);
      el.coneResult.textContent = `Saved the placement of ${camera.data.id}.`;
      el.coneResult.hidden = false;
      queueRefresh(placesNear([before, coneBounds(camera.data)]), true);
    } catch (err) {
      el.coneError.textContent = 'Could not save: ' + describeError(err);
      el.coneError.hidden = false;
    } finally {
      el.coneSave.disabled = false;
    }
  }

  function resetDraft() {
    const camera = selectedCamera();
    if (camera) {
      startEditing(camera);
    }
  }

  function startEditing(camera) {
    editor.start(camera.data);
    drawCone(camera);
    el.coneError.hidden = true;
    el.coneResult.hidden = true;
  }

  function draftChanged() {
    const camera = selectedCamera();
    if (camera) {
      drawCone(camera);
    }
    el.coneResult.hidden = true;
  }

  // --- Rates and live updates ------------------------------------------------

  function drawSummary(summary) {
    el.rate.dataset.rate = String(summary.rate);
    el.rate.dataset.mode = summary.mode;
    el.rate.textContent = summary.placesTotal === 0
      ? `${district || 'The city'} has no places to measure yet (places are imported under /api/places).`
      : `${district || 'City'} coverage (${summary.mode}): ${percent(summary.rate)} — `
        + `${summary.placesCovered} of ${summary.placesTotal} places covered`;
  }

  function placesNear(boundsList) {
    const out = [];
    for (const place of places.values()) {
      const b = place.layer.getBounds();
      if (boundsList.some((near) => near && near.isValid() && near.intersects(b))) {
        out.push(place.data.id);
      }
    }
    return out;
  }

  function queueRefresh(placeIds, summary) {
    placeIds.forEach((id) => pendingPlaces.add(id));
    pendingSummary = pendingSummary || summary;
    if (!refreshTimer) {
      refreshTimer = setTimeout(flushRefresh, REFRESH_DELAY_MILLIS);
    }
  }

  async function flushRefresh() {
    refreshTimer = null;
    const ids = Array.from(pendingPlaces);
    const summary = pendingSummary;
    pendingPlaces.clear();
    pendingSummary = false;
    const signal = latest.signal;
    try {
      await Promise.all(ids.map((id) => refreshPlace(id, signal)));
      if (summary) {
        drawSummary(await coverageSummary(mode, district, signal));
      }
    } catch (err) {
      if (!(signal && signal.aborted) && !(err instanceof ApiError && err.status === 401)) {
        el.error.textContent = 'Could not update coverage: ' + describeError(err);
        el.error.hidden = false;
      }
    }
  }

  async function onCoverage(message) {
    if (message.cause === 'places') {
      load(); // places imported, changed or deleted: their shapes and names may differ too
      return;
    }
    const camera = cameras.get(message.cameraId);
    const before = camera ? coneBounds(camera.data) : null;
    if (message.cause === 'camera') {
      await reloadCamera(message.cameraId);
    }
    if (!Array.isArray(message.modes) || !message.modes.includes(mode)) {
      return;
    }
    const now = cameras.get(message.cameraId);
    queueRefresh(placesNear([before, now ? coneBounds(now.data) : null]), true);
  }

  /** Another user (or this page) changed a camera: take its new placement, or drop it. */
  async function reloadCamera(id) {
    let data = null;
    try {
      data = await getCamera(id);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        return;
      }
    }
    const camera = cameras.get(id);
    if (!data || (district && data.district !== district)) {
      if (camera) {
        layers.cones.removeLayer(camera.layer);
        cameras.delete(id);
      }
      return;
    }
    if (camera) {
      camera.data = data;
      if (camera !== selectedCamera()) {
        drawCone(camera);
      }
    } else {
      const added = { data, health: null, layer: null };
      cameras.set(id, added);
      drawCone(added);
    }
  }

  function onCoverageMessage(message) {
    onCoverage(message).catch((err) => console.error('coverage update failed', err));
  }

  function onEvent(message) {
    if (message.type === 'resync') {
      load();
    } else if (message.type === 'state') {
      if (during) {
        during.states.set(message.cameraId, { state: message.to, reason: message.reason });
      }
      const camera = cameras.get(message.cameraId);
      if (camera) {
        camera.health = { state: message.to, reason: message.reason };
        styleCone(camera);
        if (camera === selectedCamera()) {
          showCamera(camera);
        }
      }
    } else if (message.type === 'coverage') {
      if (during) {
        during.coverage.push(message);
      } else {
        onCoverageMessage(message);
      }
    }
  }

  function fitToContent() {
    const bounds = L.latLngBounds([]);
    layers.districts.eachLayer((l) => l.getBounds && bounds.extend(l.getBounds()));
    layers.places.eachLayer((l) => bounds.extend(l.getBounds()));
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [20, 20] });
    } else {
      map.setView([0, 0], 2);
    }
  }

  /** Dots for places at city zoom, polygons only when zoomed in. */
  function showDots() {
    if (map.getZoom() < DOT_BELOW_ZOOM) {
      layers.dots.addTo(map);
      places.forEach(stylePlace); // the dots' SVG elements exist only now
    } else {
      layers.dots.remove();
    }
  }

  map.on('zoomend', showDots);
  el.mode.addEventListener('change', () => {
    mode = el.mode.value;
    ctx.replaceParams({ mode: mode === 'live' ? '' : mode, district });
    load();
  });
  el.district.addEventListener('change', () => {
    district = el.district.value;
    ctx.replaceParams({ mode: mode === 'live' ? '' : mode, district });
    selected = null;
    editor.stop();
    fitted = false;
    load();
  });
  el.coneForm.addEventListener('submit', saveDraft);
  el.coneForm.addEventListener('input', () => editor.inputChanged());
  $('cone-reset').addEventListener('click', resetDraft);

  const unsubscribe = subscribe(onEvent);
  el.title.focus();
  load();
  return () => {
    unsubscribe();
    clearTimeout(refreshTimer);
    latest.abort();
    map.remove();
  };
}

/** Sets data-* hooks (and data-testid) on a Leaflet layer's SVG element or on an element. */
function mark(target, data) {
  const element = target && typeof target.getElement === 'function' ? target.getElement() : target;
  if (!element) {
    return;
  }
  for (const [key, value] of Object.entries(data)) {
    element.dataset[key] = value;
  }
}

/** The box of a camera's saved view (not of a cone being edited). */
function coneBounds(camera) {
  return L.latLngBounds(sector(camera));
}

/** Tooltip content as an element: Leaflet writes string content as HTML, and names come from users. */
function textNode(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

function badge(text, className) {
  const span = document.createElement('span');
  span.className = `badge ${className}`;
  span.textContent = text;
  return span;
}
