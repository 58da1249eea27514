// REST calls of the monitor and the alarms (the health list, the alarm list, acknowledge) (docs/ref/api.md "## Monitor and alarms").

import { request } from './api.js';

/** The camera states, in display order. */
export const STATES = ['ONLINE', 'DEGRADED', 'AUTH_FAILED', 'OFFLINE', 'MAINTENANCE', 'UNKNOWN'];

const HEALTH_PAGE = 500;
const MAX_HEALTH_PAGES = 40;

/**
 * Every watched camera's health (GET /api/health/cameras, followed page by page), as a Map by camera id.
 * Stops early once every id of `wanted` (when given) has been seen.
 */
export async function healthByCamera({ district, wanted } = {}, signal) {
  const found = new Map();
  let cursor = null;
  for (let page = 0; page < MAX_HEALTH_PAGES; page++) {
    const body = await request('GET', '/health/cameras', { query: { district, limit: HEALTH_PAGE, cursor }, signal });
    for (const item of Array.isArray(body && body.items) ? body.items : []) {
      found.set(item.cameraId, item);
    }
    cursor = body && body.nextCursor ? body.nextCursor : null;
    if (!cursor || (wanted && wanted.every((id) => found.has(id)))) {
      break;
    }
  }
  return found;
}

/** GET /api/alarms → {items, nextCursor}; status open | acknowledged | cleared. */
export function listAlarms(query, signal) {
  return request('GET', '/alarms', { query, signal });
}

/** POST /api/alarms/{id}/ack → the acknowledged alarm. */
export function acknowledgeAlarm(id, note) {
  return request('POST', `/alarms/${encodeURIComponent(id)}/ack`, { body: { note } });
}
