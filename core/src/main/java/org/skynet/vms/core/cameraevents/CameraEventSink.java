package org.skynet.vms.core.cameraevents;

import org.skynet.vms.adapters.onvif.OnvifEvent;

/**
 * Receives the camera events the {@link OnvifEventWatcher} pulled: only {@link OnvifEvent.Kind#MOTION}
 * and {@link OnvifEvent.Kind#TAMPER} events that are {@linkplain OnvifEvent#active() active} and are
 * changes (not the {@code Initialized} state snapshot sent on every (re)subscription).
 *
 * <p>Called on the watcher's single delivery thread, in the order the camera sent them (per camera, and
 * in pull order across cameras); never on a network event loop, so an implementation may write to the
 * database, but a slow one delays every later event. Exceptions are logged and the event is dropped.
 */
@FunctionalInterface
public interface CameraEventSink {
    /**
     * @param cameraId the registry id of the camera
     * @param event the event, with its topic, kind, device time, Source and Data items
     */
    void onCameraEvent(String cameraId, OnvifEvent event);

    /** This sink, then {@code next}, which is called even when this one throws. */
    default CameraEventSink andThen(CameraEventSink next) {
        return (cameraId, event) -> {
            try {
                onCameraEvent(cameraId, event);
            } finally {
                next.onCameraEvent(cameraId, event);
            }
        };
    }
}
