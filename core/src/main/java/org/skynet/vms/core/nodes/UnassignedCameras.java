package org.skynet.vms.core.nodes;

import java.util.List;

/**
 * The cameras that should be recorded but have had no live lease for longer than the grace period.
 *
 * @param total     how many there are
 * @param cameraIds the first of them by id (at most the limit asked for)
 */
public record UnassignedCameras(int total, List<String> cameraIds) {
    public static final UnassignedCameras NONE = new UnassignedCameras(0, List.of());

    public UnassignedCameras {
        cameraIds = List.copyOf(cameraIds);
    }
}
