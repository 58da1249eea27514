package org.skynet.vms.core.coverage;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A public place whose coverage is measured.
 *
 * @param geometry         valid Polygon or MultiPolygon with x = longitude, y = latitude (WGS84 degrees)
 * @param requiredCoverage fraction 0..1 of the area that must be seen for the place to count as covered
 */
public record Place(String id, String name, String category, String district, double requiredCoverage,
        Geometry geometry) {

    public Place {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(geometry, "geometry");
        if (!(requiredCoverage >= 0 && requiredCoverage <= 1)) {
            throw new IllegalArgumentException("place " + id + ": requiredCoverage " + requiredCoverage
                    + " is outside 0..1");
        }
        name = name == null ? id : name;
        category = category == null ? "" : category;
        district = district == null ? "" : district;
    }
}
