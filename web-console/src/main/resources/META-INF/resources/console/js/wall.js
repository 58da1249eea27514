// Video wall: 1, 4, 9 or 16 tiles, each playing one camera live (live-player.js). A camera goes into a tile
// by dragging it from the camera list onto the tile, or with the tile's picker. Every change is saved for
// the signed-in user (PUT /api/me/wall) and restored on the next visit (GET /api/me/wall).

import { ApiError, describeError, listCameras, request } from './api.js';
import { playLive } from './live-player.js';

/** Cameras offered in the list and the pickers (the camera API's largest page). */
const CAMERA_LIMIT = 500;
const STATE_TEXT = {
  empty: 'Empty', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', closed: 'Closed',
  unsupported: 'Codec not supported', still: 'Still pictures', error: 'Error',
};

/**
 * Renders the video wall into `view`.
 * @returns {function(): void} cleanup: stops every player and the clock
 */
export function renderWall(view) {
  view.append(document.getElementById('tpl-wall').content.cloneNode(true));
  const el = {
    page: view.querySelector('#wall-view'),
    layout: view.querySelector('#wall-layout'),
    error: view.querySelector('#wall-error'),
    cameras: view.querySelector('#wall-cameras'),
    grid: view.querySelector('#wall-grid'),
  };
  const controller = new AbortController();
  /** cameraId → camera */
  let cameras = new Map();
  /** One entry per tile: {cameraId, element, player} */
  let tiles = [];
  const clock = setInterval(tickClocks, 1000);
  let saving = Promise.resolve();
  /** Saves asked for and not yet answered: the page says "saved" only when none is left. */
  let unsaved = 0;

  el.layout.addEventListener('change', () => {
    const ids = tiles.map((t) => t.cameraId);
    const size = Number(el.layout.value);
    build(Array.from({ length: size }, (_, i) => ids[i] ?? null));
    save();
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
    tiles = ids.map((id, index) => createTile(index, cameras.has(id) ? id : null));
    el.grid.replaceChildren(...tiles.map((t) => t.element));
  }

  function createTile(index, cameraId) {
    const element = document.getElementById('tpl-wall-tile').content.firstElementChild.cloneNode(true);
    element.dataset.index = String(index);
    const tile = { cameraId: null, element, player: null };
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
    show(tile, cameraId);
    save();
  }

  /** Plays `cameraId` in the tile, or empties it. */
  function show(tile, cameraId) {
    release(tile);
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

  function tickClocks() {
    const now = new Date().toLocaleTimeString([], { hour12: false });
    for (const tile of tiles) {
      tile.element.querySelector('[data-testid="wall-tile-clock"]').textContent = tile.cameraId ? now : '';
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
    clearInterval(clock);
    tiles.forEach(release);
    tiles = [];
  };
}
