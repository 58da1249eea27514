package org.skynet.vms.core.cluster;

import java.util.Objects;

/**
 * A camera held by a node under a fencing epoch. The epoch grows by one at every claim of the camera:
 * whoever writes with an epoch that is not the camera's current one has lost it.
 *
 * @param cameraId the camera
 * @param epoch    the fencing token of this holding
 */
public record Lease(String cameraId, long epoch) {
    public Lease {
        Objects.requireNonNull(cameraId, "cameraId");
    }
}
