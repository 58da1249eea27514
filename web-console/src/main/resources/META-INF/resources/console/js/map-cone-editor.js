// The cone editor of the map page (technicians, admins): two draggable handles on the selected camera's cone
// (the centre moves the camera; the round handle turns it, and its distance sets the range) and the five
// fields of the form, kept in step. It holds the draft; the page draws the cone from it and saves it.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { bearingBetween, destination, distanceMetres } from './map-geometry.js';

const FIELDS = ['lat', 'lon', 'bearing', 'fov', 'range'];
const MAX_RANGE_METRES = 5000;

export class ConeEditor {
  /**
   * @param {L.LayerGroup} layer where the handles go
   * @param {function(string): HTMLInputElement} input the form field of 'lat', 'lon', 'bearing', 'fov' or 'range'
   * @param {function(): void} onChange called when the draft changed (the page redraws the cone)
   */
  constructor(layer, input, onChange) {
    this.layer = layer;
    this.input = input;
    this.onChange = onChange;
    this.draft = null;
    this.handles = null;
  }

  /** Starts editing a camera's saved view: {lat, lon, bearing, fov, range}. */
  start(cone) {
    const { lat, lon, bearing, fov, range } = cone;
    this.stop();
    this.draft = { lat, lon, bearing, fov, range };
    const centre = L.marker([lat, lon], {
      draggable: true, keyboard: true, title: 'Drag to move the camera', alt: 'Camera position',
      icon: L.divIcon({ className: 'cone-handle cone-centre', iconSize: [18, 18] }),
    });
    const turn = L.marker(destination(lat, lon, bearing, range), {
      draggable: true, keyboard: true, title: 'Drag to turn the camera and set its range', alt: 'Camera bearing',
      icon: L.divIcon({ className: 'cone-handle cone-turn', iconSize: [16, 16] }),
    });
    centre.on('drag', () => {
      const at = centre.getLatLng();
      this.draft.lat = round(at.lat, 7);
      this.draft.lon = round(at.lng, 7);
      this.placeTurnHandle();
      this.changed();
    });
    turn.on('drag', () => {
      const from = L.latLng(this.draft.lat, this.draft.lon);
      this.draft.bearing = round(bearingBetween(from, turn.getLatLng()), 1) % 360;
      this.draft.range = Math.min(MAX_RANGE_METRES, Math.max(1, Math.round(distanceMetres(from, turn.getLatLng()))));
      this.changed();
    });
    this.layer.addLayer(centre).addLayer(turn);
    centre.getElement().dataset.testid = 'cone-centre';
    turn.getElement().dataset.testid = 'cone-turn';
    this.handles = { centre, turn };
    this.fillInputs();
  }

  /** Ends editing (another selection): no draft, no handles. */
  stop() {
    this.draft = null;
    this.handles = null;
    this.layer.clearLayers();
  }

  /** A field was typed in: once all five are plausible numbers, the draft and the handles follow. */
  inputChanged() {
    if (!this.draft) {
      return;
    }
    const next = this.values();
    if (Object.values(next).some((v) => !Number.isFinite(v)) || Math.abs(next.lat) >= 90 || Math.abs(next.lon) > 180
      || next.fov <= 0 || next.range <= 0 || next.range > MAX_RANGE_METRES) {
      return; // still typing; on save the server names a field that is still wrong
    }
    Object.assign(this.draft, next);
    this.handles.centre.setLatLng([this.draft.lat, this.draft.lon]);
    this.placeTurnHandle();
    this.onChange();
  }

  /** The form's values as numbers (NaN for an empty or non-numeric field), as they are saved. */
  values() {
    const out = {};
    for (const key of FIELDS) {
      const text = this.input(key).value.trim();
      out[key] = text === '' ? NaN : Number(text);
    }
    return out;
  }

  /** Writes the draft into the fields, except the one being typed in. */
  fillInputs() {
    for (const key of FIELDS) {
      const field = this.input(key);
      if (document.activeElement !== field) {
        field.value = String(this.draft[key]);
      }
    }
  }

  placeTurnHandle() {
    this.handles.turn.setLatLng(destination(this.draft.lat, this.draft.lon, this.draft.bearing, this.draft.range));
  }

  changed() {
    this.fillInputs();
    this.onChange();
  }
}

function round(value, decimals) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
