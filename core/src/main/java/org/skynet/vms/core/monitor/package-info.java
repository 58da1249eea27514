/**
 * The camera health monitor: the state machine ({@link org.skynet.vms.core.monitor.CameraHealthStates}),
 * the probe scheduler, the non-blocking RTSP/ONVIF probers, the service that follows the registry, and the
 * batched write-behind of states and transitions. See {@code docs/design/monitor-states.md}.
 */
package org.skynet.vms.core.monitor;
