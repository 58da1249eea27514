// The video wall's map panel: a small Leaflet map with a marker per camera the user may see (those with a
// position). A marker is dragged onto a tile like an entry of the camera list: an HTML5 drag carrying the
// camera id as text/x-camera-id. Its mousedown is kept from the map so the map does not pan (Leaflet's pan
// would also cancel the drag: it blocks dragstart while it runs).

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { mapSettings } from './map-api.js';
import { applyTileSettings } from './map-tiles.js';

/** Zoom when every camera stands at one spot. */
const SINGLE_SPOT_ZOOM = 16;

/**
 * Draws the cameras of `cameras` (Map id → camera) on a map in `canvas`.
 * @returns {function(): void} removes the map
 */
export function renderWallMap(canvas, cameras, signal) {
  const map = L.map(canvas, { attributionControl: false, zoomControl: true, minZoom: 2 }).setView([0, 0], 2);
  const placed = Array.from(cameras.values()).filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon));
  for (const camera of placed) {
    const icon = L.divIcon({ className: 'wall-map-camera', iconSize: [14, 14], html: '' });
    const marker = L.marker([camera.lat, camera.lon], { icon, keyboard: false, title: camera.name || camera.id })
      .addTo(map);
    const element = marker.getElement();
    element.draggable = true;
    element.dataset.testid = 'wall-map-camera';
    element.dataset.cameraId = camera.id;
    L.DomEvent.disableClickPropagation(element);
    element.addEventListener('dragstart', (e) => {
      e.dataTransfer.setData('text/x-camera-id', camera.id);
      e.dataTransfer.effectAllowed = 'copy';
    });
  }
  if (placed.length) {
    const bounds = L.latLngBounds(placed.map((c) => [c.lat, c.lon]));
    map.fitBounds(bounds.pad(0.2), { maxZoom: SINGLE_SPOT_ZOOM });
  }
  canvas.dataset.markers = String(placed.length);
  mapSettings(signal).then((settings) => applyTileSettings(map, settings, canvas)).catch((err) => {
    if (!signal.aborted) {
      console.warn('map settings unavailable: the wall map keeps a plain background', err);
    }
  });
  return () => map.remove();
}
