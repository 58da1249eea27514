// REST calls of the map page (docs/ref/api.md "## Map" and "## Places and coverage").

import { listCameras, request } from './api.js';

const CAMERA_PAGE = 500;
const MAX_CAMERA_PAGES = 40;

/** GET /api/map/settings → {tileUrl, tileAttribution, maxZoom}. */
export function mapSettings(signal) {
  return request('GET', '/map/settings', { signal });
}

/** GET /api/map/places → {mode, version, items: [{id, name, category, district, required, coverage, covered, cameras, geometry}]}. */
export function mapPlaces(mode, district, signal) {
  return request('GET', '/map/places', { query: { mode, district }, signal });
}

/** GET /api/map/districts → a GeoJSON FeatureCollection of district outlines. */
export function districtOutlines(signal) {
  return request('GET', '/map/districts', { signal });
}

/** GET /api/coverage → {mode, rate, placesCovered, placesTotal, districts, categories}. */
export function coverageSummary(mode, district, signal) {
  return request('GET', '/coverage', { query: { mode, district }, signal });
}

/** GET /api/places/{id}/coverage → {coverage, required, covered, cameras, gaps}. */
export function placeCoverage(id, mode, signal) {
  return request('GET', `/places/${encodeURIComponent(id)}/coverage`, { query: { mode }, signal });
}

/** GET /api/cameras/{id} → the camera. */
export function getCamera(id, signal) {
  return request('GET', `/cameras/${encodeURIComponent(id)}`, { signal });
}

/** Every camera of a district (or of the city), page after page of GET /api/cameras. */
export async function allCameras(district, signal) {
  const out = [];
  let cursor = null;
  for (let page = 0; page < MAX_CAMERA_PAGES; page++) {
    const body = await listCameras({ district, limit: CAMERA_PAGE, cursor }, signal);
    out.push(...(Array.isArray(body && body.items) ? body.items : []));
    cursor = body && body.nextCursor ? body.nextCursor : null;
    if (!cursor) {
      break;
    }
  }
  return out;
}

/** PATCH /api/cameras/{id} with the view cone (technicians, admins) → the camera. */
export function saveCone(id, { lat, lon, bearing, fov, range }) {
  return request('PATCH', `/cameras/${encodeURIComponent(id)}`, { body: { lat, lon, bearing, fov, range } });
}
