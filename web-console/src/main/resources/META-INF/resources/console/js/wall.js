// Video wall: 1, 4, 9 or 16 tiles, each playing one camera live (live-player.js). A camera goes into a tile
// by dragging it from the camera list or the map panel (wall-map.js) onto the tile, or with the tile's picker.
// With "Pop up alarms" on, an alarm for a camera on the event socket puts it into a tile (wall-pop.js) marked
// until clicked; pinned tiles are never replaced. Every tile change is saved for the signed-in user
// (PUT /api/me/wall) and restored on the next visit (GET /api/me/wall); the switch and the pins are kept in
// this browser (localStorage). Each tile's clock is the wall time of the picture shown, from the stream.

import { ApiError, describeError, listCameras, request } from './api.js';
import { subscribe } from './events.js';
import { playLive } from './live-player.js';
import { renderWallMap } from './wall-map.js';
import { alarmOf, tileForPop } from './wall-pop.js';

/** Cameras offered in the list and the pickers (the camera API's largest page). */
const CAMERA_LIMIT = 500;
const STATE_TEXT = {
  empty: 'Empty', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', closed: 'Closed',
  still: 'Still pictures', error: 'Error',
};
/** Tile clocks follow the playhead: refreshed this often. */
const CLOCK_MILLIS = 250;

/**
 * Renders the video wall into `view`.
 * @returns {function(): void} cleanup: stops every player and the clock
 */
export function renderWall(view, ctx) {
  view.append(document.getElementById('tpl-wall').content.cloneNode(true));
  const el = {
    page: view.querySelector('#wall-view'),
    layout: view.querySelector('#wall-layout'),
    error: view.querySelector('#wall-error'),
    cameras: view.querySelector('#wall-cameras'),
    grid: view.querySelector('#wall-grid'),
    popping: view.querySelector('#wall-popping'),
    notice: view.querySelector('#wall-notice'),
    map: view.querySelector('#wall-map'),
  };
  const prefsKey = 'vms.wall.' + (ctx && ctx.user ? ctx.user.username : '');
  const controller = new AbortController();
  /** cameraId → camera */
  let cameras = new Map();
  /** One entry per tile: {cameraId, element, player, pinned, poppedAt (ms; 0 = chosen by the user)} */
  let tiles = [];
  let prefs = readPrefs();
  /** Alarm ids already popped: an alarm re-sent (storm membership) does not pop again. */
  const popped = new Set();
  let removeMap = null;
  const clock = setInterval(tickClocks, CLOCK_MILLIS);
  const unsubscribe = subscribe(onEvent);
  let saving = Promise.resolve();
  /** Saves asked for and not yet answered: the page says "saved" only when none is left. */
  let unsaved = 0;

  el.layout.addEventListener('change', () => {
    const ids = tiles.map((t) => t.cameraId);
    const size = Number(el.layout.value);
    build(Array.from({ length: size }, (_, i) => ids[i] ?? null));
    save();
  });
  el.popping.checked = prefs.popping;
  el.popping.addEventListener('change', () => {
    prefs.popping = el.popping.checked;
    writePrefs();
  });

  load();

  async function load() {
    el.page.dataset.state = 'loading';
    try {
      const [list, wall] = await Promise.all([
        listCameras({ limit: CAMERA_LIMIT }, controller.signal),
        request('GET', '/me/wall', { signal: controller.signal }),
      ]);
      cameras = new Map(list.items.map((c) => [c.id, c]));
      drawCameraList();
      removeMap = renderWallMap(el.map, cameras, controller.signal);
      el.layout.value = String(wall.layout);
      build(wall.tiles);
      el.page.dataset.state = 'ready';
    } catch (err) {
      if (controller.signal.aborted || (err instanceof ApiError && err.status === 401)) {
        return;
      }
      showError('Could not load the wall: ' + describeError(err));
      el.page.dataset.state = 'error';
    }
  }

  function drawCameraList() {
    el.cameras.replaceChildren(...Array.from(cameras.values(), (camera) => {
      const item = document.createElement('li');
      item.className = 'wall-camera';
      item.draggable = true;
      item.dataset.testid = 'wall-camera';
      item.dataset.cameraId = camera.id;
      item.textContent = camera.name || camera.id;
      item.title = camera.id + (camera.district ? ' · ' + camera.district : '');
      item.addEventListener('dragstart', (e) => {
        e.dataTransfer.setData('text/x-camera-id', camera.id);
        e.dataTransfer.effectAllowed = 'copy';
      });
      return item;
    }));
  }

  /** Replaces every tile with `ids.length` tiles showing those cameras. */
  function build(ids) {
    tiles.forEach(release);
    el.grid.dataset.layout = String(ids.length);
    el.grid.style.setProperty('--wall-columns', String(Math.sqrt(ids.length)));
    tiles = ids.map((id, index) => createTile(index, cameras.has(id) ? id : null, prefs.pinned.includes(index)));
    el.grid.replaceChildren(...tiles.map((t) => t.element));
  }

  function createTile(index, cameraId, pinned) {
    const element = document.getElementById('tpl-wall-tile').content.firstElementChild.cloneNode(true);
    element.dataset.index = String(index);
    const tile = { cameraId: null, element, player: null, pinned: false, poppedAt: 0 };
    const pin = element.querySelector('[data-testid="wall-tile-pin"]');
    pin.addEventListener('click', () => {
      setPinned(tile, !tile.pinned);
      writePrefs();
    });
    setPinned(tile, pinned);
    element.addEventListener('click', () => clearAlarm(tile));
    const picker = element.querySelector('[data-testid="wall-tile-picker"]');
    picker.setAttribute('aria-label', 'Camera in tile ' + (index + 1));
    picker.append(...Array.from(cameras.values(), (camera) => new Option(camera.name || camera.id, camera.id)));
    picker.addEventListener('change', () => assign(tile, picker.value || null));
    element.querySelector('[data-testid="wall-tile-clear"]').addEventListener('click', () => assign(tile, null));
    element.addEventListener('dragover', (e) => {
      if (e.dataTransfer.types.includes('text/x-camera-id')) {
        e.preventDefault();
        element.classList.add('drop-target');
      }
    });
    element.addEventListener('dragleave', () => element.classList.remove('drop-target'));
    element.addEventListener('drop', (e) => {
      e.preventDefault();
      element.classList.remove('drop-target');
      const id = e.dataTransfer.getData('text/x-camera-id');
      if (cameras.has(id)) {
        assign(tile, id);
      }
    });
    show(tile, cameraId);
    return tile;
  }

  function assign(tile, cameraId) {
    tile.poppedAt = 0;
    show(tile, cameraId);
    save();
  }

  function setPinned(tile, pinned) {
    const pin = tile.element.querySelector('[data-testid="wall-tile-pin"]');
    tile.pinned = pinned;
    tile.element.dataset.pinned = String(pinned);
    pin.setAttribute('aria-pressed', String(pinned));
    pin.textContent = pinned ? 'Pinned' : 'Pin';
    pin.title = pinned ? 'Pinned: alarms never replace this tile' : 'Pin: keep alarms out of this tile';
  }

  function onEvent(message) {
    const alarm = alarmOf(message);
    if (!alarm || !prefs.popping || !cameras.has(alarm.cameraId) || el.page.dataset.state !== 'ready') {
      return;
    }
    if (alarm.alarmId !== null) {
      if (popped.has(alarm.alarmId)) {
        return;
      }
      popped.add(alarm.alarmId);
    }
    const index = tileForPop(tiles, alarm.cameraId);
    const camera = cameras.get(alarm.cameraId);
    if (index < 0) {
      el.notice.textContent = `Alarm ${alarm.label} on ${camera.name || camera.id}: every tile is pinned.`;
      el.notice.hidden = false;
      return;
    }
    const tile = tiles[index];
    tile.poppedAt = Date.now();
    if (tile.cameraId !== alarm.cameraId) {
      show(tile, alarm.cameraId);
      save();
    }
    const mark = tile.element.querySelector('[data-testid="wall-tile-alarm"]');
    mark.textContent = 'Alarm: ' + alarm.label;
    mark.hidden = false;
    tile.element.dataset.alarm = alarm.label;
  }

  function clearAlarm(tile) {
    tile.element.querySelector('[data-testid="wall-tile-alarm"]').hidden = true;
    delete tile.element.dataset.alarm;
  }

  /** Plays `cameraId` in the tile, or empties it. */
  function show(tile, cameraId) {
    release(tile);
    clearAlarm(tile);
    tile.cameraId = cameraId;
    const camera = cameraId ? cameras.get(cameraId) : null;
    tile.element.dataset.cameraId = cameraId || '';
    tile.element.querySelector('[data-testid="wall-tile-name"]').textContent = camera ? camera.name || camera.id : 'No camera';
    tile.element.querySelector('[data-testid="wall-tile-picker"]').value = cameraId || '';
    tile.element.querySelector('[data-testid="wall-tile-clear"]').hidden = !cameraId;
    const video = tile.element.querySelector('video');
    video.hidden = !cameraId;
    if (!cameraId) {
      setState(tile, 'empty');
      return;
    }
    tile.player = playLive(video, cameraId, (state, detail) => setState(tile, state, detail));
  }

  function setState(tile, state, detail) {
    const label = tile.element.querySelector('[data-testid="wall-tile-state"]');
    tile.element.dataset.state = state;
    label.textContent = STATE_TEXT[state] || state;
    label.title = detail || '';
  }

  function release(tile) {
    if (tile.player) {
      tile.player.stop();
      tile.player = null;
    }
  }

  /** Each tile's clock: the wall time of its picture on screen, marked when it is the server's, not the camera's. */
  function tickClocks() {
    for (const tile of tiles) {
      const label = tile.element.querySelector('[data-testid="wall-tile-clock"]');
      const time = tile.player ? tile.player.wallClock() : null;
      if (!time) {
        label.textContent = '';
        label.dataset.wall = '';
        label.dataset.source = '';
        continue;
      }
      const wall = new Date(time.millis);
      label.textContent = wall.toLocaleTimeString([], { hour12: false }) + (time.source === 'server' ? ' (server)' : '');
      label.dataset.wall = wall.toISOString();
      label.dataset.source = time.source;
      label.title = time.source === 'server'
        ? 'Time the picture reached the server: the camera sends no clock'
        : "Time of the picture by the camera's clock";
    }
  }

  /** {popping, pinned (tile indexes)} of this user in this browser. */
  function readPrefs() {
    try {
      const stored = JSON.parse(localStorage.getItem(prefsKey) || '{}');
      return { popping: stored.popping !== false, pinned: Array.isArray(stored.pinned) ? stored.pinned : [] };
    } catch {
      return { popping: true, pinned: [] };
    }
  }

  function writePrefs() {
    prefs = { popping: prefs.popping, pinned: tiles.filter((t) => t.pinned).map((t) => Number(t.element.dataset.index)) };
    try {
      localStorage.setItem(prefsKey, JSON.stringify(prefs));
    } catch {
      // storage blocked: the switch and the pins still hold on this page
    }
  }

  /** Saves the wall as it is now, after any save still under way (so the last change wins). */
  function save() {
    const body = { layout: tiles.length, tiles: tiles.map((t) => t.cameraId) };
    el.page.dataset.saved = 'saving';
    unsaved += 1;
    saving = saving.then(() => put(body));
  }

  async function put(body) {
    try {
      await request('PUT', '/me/wall', { body, signal: controller.signal });
      unsaved -= 1;
      el.error.hidden = true;
      if (unsaved === 0) {
        el.page.dataset.saved = 'saved';
      }
    } catch (err) {
      unsaved -= 1;
      if (controller.signal.aborted) {
        return;
      }
      showError('Could not save the wall: ' + describeError(err));
      el.page.dataset.saved = 'error';
    }
  }

  function showError(text) {
    el.error.textContent = text;
    el.error.hidden = false;
  }

  return () => {
    controller.abort();
    unsubscribe();
    if (removeMap) {
      removeMap();
    }
    clearInterval(clock);
    tiles.forEach(release);
    tiles = [];
  };
}
