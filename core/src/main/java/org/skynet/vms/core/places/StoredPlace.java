package org.skynet.vms.core.places;

import java.time.Instant;

/**
 * A place as stored.
 *
 * @param geometryJson the GeoJSON Polygon or MultiPolygon geometry object (lon/lat), as imported
 * @param createdAt    null before the place is first stored
 * @param updatedAt    null before the place is first stored
 */
public record StoredPlace(String id, String name, String category, String district, double requiredCoverage,
        String geometryJson, Instant createdAt, Instant updatedAt) {
}
