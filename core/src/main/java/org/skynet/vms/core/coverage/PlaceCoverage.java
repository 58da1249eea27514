package org.skynet.vms.core.coverage;

import java.util.List;

/**
 * The coverage of one place in one snapshot.
 *
 * @param coverage fraction 0..1 of the place's area inside the union of the counted views
 * @param covered  {@code coverage >= place.requiredCoverage()}
 * @param cameras  the counted cameras whose view intersects the place, sorted by id
 */
public record PlaceCoverage(Place place, double coverage, boolean covered, List<CameraView> cameras) {

    public PlaceCoverage {
        cameras = List.copyOf(cameras);
    }

    /** Ids of {@link #cameras()}, in the same order. */
    public List<String> cameraIds() {
        return cameras.stream().map(CameraView::id).toList();
    }
}
