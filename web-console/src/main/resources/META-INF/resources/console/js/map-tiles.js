// The background of a Leaflet map as GET /api/map/settings says (shared by the map page and the wall's map):
// the zoom limit, and tiles with their attribution only when the server names a tile URL.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';

/** Applies {tileUrl, tileAttribution, maxZoom} to `map`; `canvas` gets the map-with-tiles class with tiles. */
export function applyTileSettings(map, settings, canvas) {
  map.setMaxZoom(settings.maxZoom || 19);
  if (settings.tileUrl) {
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(settings.tileUrl, { maxZoom: settings.maxZoom || 19, attribution: settings.tileAttribution || '' })
      .addTo(map);
    canvas.classList.add('map-with-tiles');
  }
}
