package org.skynet.vms.core.places.report;

import java.time.Instant;
import java.util.List;

/**
 * One coverage audit report: the figures of one coverage snapshot at one instant. Plain data, stored as JSON
 * when a supervisor signs it and rendered from that JSON later, so a signed report never changes.
 *
 * @param generatedAt when the figures were taken (UTC)
 * @param mode        {@code live} or {@code designed}
 * @param city        the rate over every place
 * @param districts   the rate per place district, sorted by district
 * @param categories  the rate per place category, sorted by category
 * @param shortfalls  every place whose coverage is below its requirement, by district, then coverage, then id
 */
public record CoverageReport(Instant generatedAt, String mode, Rate city, List<Rate> districts, List<Rate> categories,
        List<Shortfall> shortfalls) {

    public CoverageReport {
        districts = List.copyOf(districts);
        categories = List.copyOf(categories);
        shortfalls = List.copyOf(shortfalls);
    }

    /**
     * Covered places out of places in one scope.
     *
     * @param name the district or category; empty for the city
     * @param rate placesCovered / placesTotal, 1 when there are no places
     */
    public record Rate(String name, int placesCovered, int placesTotal, double rate) {
    }

    /**
     * A place below its requirement.
     *
     * @param coverage          fraction 0..1 of the place seen by the counted cameras
     * @param gapSquareMetres   area of the place not seen
     * @param restoringCameras  uncounted cameras whose view meets the gap, most of the gap first
     */
    public record Shortfall(String placeId, String name, String district, String category, double required,
            double coverage, double gapSquareMetres, List<RestoringCamera> restoringCameras) {

        public Shortfall {
            restoringCameras = List.copyOf(restoringCameras);
        }
    }

    /**
     * A camera that does not count now and would see part of a place's gap if it did.
     *
     * @param state              the monitor state (e.g. {@code OFFLINE}, {@code UNKNOWN}) or {@code DISABLED}
     * @param gapSquareMetres    area of the gap inside its view
     * @param gapShare           that area as a fraction 0..1 of the gap
     * @param coverageIfRestored the place's coverage with this camera alone restored, 0..1
     */
    public record RestoringCamera(String cameraId, String state, double gapSquareMetres, double gapShare,
            double coverageIfRestored) {
    }
}
