// Alarm pop-up rules of the video wall (docs/design/video-wall.md "Alarm pop-up"): which event-socket
// messages pop a camera, and which tile it goes into. Pure functions over plain objects, no DOM.

/**
 * The camera a message from /api/events raises an alarm for: an alarm opened for a camera (`OFFLINE`,
 * `AUTH_FAILED`, ...; not a storm, which has no camera) or a camera event that starts (motion, tamper).
 * @returns {{cameraId: string, label: string, alarmId: (number|null)}|null}
 */
export function alarmOf(message) {
  if (message.type === 'alarm' && message.status === 'OPEN' && message.cameraId) {
    return { cameraId: message.cameraId, label: message.kind, alarmId: message.id ?? null };
  }
  if (message.type === 'cameraEvent' && message.active && message.cameraId) {
    return { cameraId: message.cameraId, label: message.kind, alarmId: null };
  }
  return null;
}

/**
 * The index of the tile a popped camera goes into: the tile already showing it, else the first empty
 * tile, else the unpinned tile popped longest ago (a camera the user chose counts as popped at 0, so
 * it goes first; ties by position), else -1 (every tile is pinned).
 * @param {Array<{cameraId: (string|null), pinned: boolean, poppedAt: number}>} tiles
 */
export function tileForPop(tiles, cameraId) {
  const showing = tiles.findIndex((t) => t.cameraId === cameraId);
  if (showing >= 0) {
    return showing;
  }
  const empty = tiles.findIndex((t) => !t.cameraId);
  if (empty >= 0) {
    return empty;
  }
  let best = -1;
  tiles.forEach((t, i) => {
    if (!t.pinned && (best < 0 || t.poppedAt < tiles[best].poppedAt)) {
      best = i;
    }
  });
  return best;
}
