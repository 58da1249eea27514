package org.skynet.vms.core.registry;

import java.time.Instant;
import java.util.List;

/**
 * A registered camera as stored. It carries whether credentials are stored but never the password;
 * use {@link CameraRegistry#credentials} where a protocol really needs them.
 *
 * @param rtspUrl  RTSP URL without credentials, or null
 * @param onvifUrl ONVIF device-service URL without credentials, or null
 * @param tags     sorted, distinct, lower-case
 */
public record Camera(
        String id,
        String name,
        String district,
        Placement placement,
        String rtspUrl,
        String onvifUrl,
        List<String> tags,
        boolean enabled,
        boolean hasCredentials,
        Instant createdAt,
        Instant updatedAt) {

    public Camera {
        tags = List.copyOf(tags);
    }
}
