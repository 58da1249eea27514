package org.skynet.vms.core.cameraevents;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.skynet.vms.adapters.onvif.OnvifCredentials;

/**
 * A camera whose events are wanted.
 *
 * @param cameraId registry id
 * @param onvifUrl device-service URL without credentials
 * @param credentials the ONVIF login, or empty for a camera without authentication
 */
public record WatchTarget(String cameraId, URI onvifUrl, Optional<OnvifCredentials> credentials) {
    public WatchTarget {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(onvifUrl, "onvifUrl");
        Objects.requireNonNull(credentials, "credentials");
    }
}
