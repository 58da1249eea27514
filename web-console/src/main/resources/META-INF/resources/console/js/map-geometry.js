// Geometry of the map page, on a sphere of the WGS84 equatorial radius (good to a fraction of a metre over a
// camera's range, which is all the drawing needs; coverage itself is computed by the server).

const EARTH_RADIUS_METRES = 6378137;
/** Points on a full turn of a cone's arc (the server's default is 128; the drawing needs fewer). */
const SEGMENTS_PER_TURN = 96;
/** A place counts as a gap, rather than partly covered, when less than this fraction of it is seen. */
export const GAP_BELOW = 0.001;

const rad = (deg) => (deg * Math.PI) / 180;
const deg = (r) => (r * 180) / Math.PI;

/** The point `metres` away from (lat, lon) on `bearing` degrees clockwise from north → [lat, lon]. */
export function destination(lat, lon, bearing, metres) {
  const d = metres / EARTH_RADIUS_METRES;
  const b = rad(bearing);
  const p1 = rad(lat);
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = rad(lon) + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [deg(p2), ((deg(l2) + 540) % 360) - 180];
}

/** Initial bearing from a to b, degrees in [0, 360). */
export function bearingBetween(a, b) {
  const p1 = rad(a.lat);
  const p2 = rad(b.lat);
  const dl = rad(b.lng - a.lng);
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** Great-circle distance in metres between {lat, lng} points. */
export function distanceMetres(a, b) {
  const dp = rad(b.lat - a.lat);
  const dl = rad(b.lng - a.lng);
  const h = Math.sin(dp / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A camera's view as a ring of [lat, lon]: the circular sector of radius `range` metres centred on `bearing`
 * with total opening `fov` degrees (360 or more: the full circle), as docs/design/coverage.md defines it.
 */
export function sector({ lat, lon, bearing, fov, range }) {
  if (fov >= 360) {
    const ring = [];
    for (let i = 0; i < SEGMENTS_PER_TURN; i++) {
      ring.push(destination(lat, lon, (360 * i) / SEGMENTS_PER_TURN, range));
    }
    return ring;
  }
  const steps = Math.max(2, Math.ceil((SEGMENTS_PER_TURN * fov) / 360));
  const ring = [[lat, lon]];
  for (let i = 0; i <= steps; i++) {
    ring.push(destination(lat, lon, bearing - fov / 2 + (fov * i) / steps, range));
  }
  return ring;
}

/** "covered" (at least its requirement), "gap" (next to nothing seen) or "partial". */
export function coverageClass(coverage, required) {
  if (coverage >= required) {
    return 'covered';
  }
  return coverage < GAP_BELOW ? 'gap' : 'partial';
}

/** 0.66666 → "66.7 %". */
export function percent(fraction) {
  return `${(fraction * 100).toFixed(1)} %`;
}
