/**
 * Alarms from camera health: raised when a camera goes OFFLINE, AUTH_FAILED or loses its stream,
 * cleared when it recovers, acknowledged by operators with a note, and grouped into one storm alarm
 * when many cameras of a district fail together. See {@code docs/design/monitor-states.md#alarms}.
 */
package org.skynet.vms.core.alarms;
