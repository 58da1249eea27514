/**
 * ONVIF motion and tamper events pulled from the cameras: one PullPoint subscription per watched camera
 * ({@link org.skynet.vms.core.cameraevents.OnvifEventWatcher}), kept alive with Renew and re-created with
 * backoff, each active event handed to a {@link org.skynet.vms.core.cameraevents.CameraEventSink}.
 * ONVIF Core Specification §9 (Event handling), Real-time Pull-Point Notification Interface.
 */
package org.skynet.vms.core.cameraevents;
