package org.skynet.vms.core.api;

import java.time.Instant;
import java.util.List;
import org.skynet.vms.core.registry.Camera;

/**
 * A camera on the wire (see {@code docs/ref/api.md#cameras}); flat, with {@code hasCredentials} instead
 * of any credential. The web console codes against exactly these names.
 */
public record CameraView(
        String id,
        String name,
        String district,
        double lat,
        double lon,
        double bearing,
        double fov,
        double range,
        String rtspUrl,
        String onvifUrl,
        List<String> tags,
        boolean enabled,
        boolean hasCredentials,
        Instant createdAt,
        Instant updatedAt) {

    public static CameraView of(Camera c) {
        return new CameraView(c.id(), c.name(), c.district(), c.placement().lat(), c.placement().lon(),
                c.placement().bearingDegrees(), c.placement().fovDegrees(), c.placement().rangeMeters(),
                c.rtspUrl(), c.onvifUrl(), c.tags(), c.enabled(), c.hasCredentials(), c.createdAt(), c.updatedAt());
    }
}
