package org.skynet.vms.core.coverage;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A place with its own local plane, centred on its centroid, and its geometry, area and convex parts
 * ({@link ConvexParts}) in that plane. Computed once per place; immutable.
 */
record ProjectedPlace(Place place, LocalProjection projection, Geometry local, double areaSquareMetres,
        Envelope lonLatEnvelope, List<double[]> convexParts) {

    static ProjectedPlace of(Place place) {
        Geometry lonLat = place.geometry();
        Coordinate centroid = lonLat.getCentroid().getCoordinate();
        LocalProjection projection = new LocalProjection(centroid.y, centroid.x);
        Geometry local = projection.forward(lonLat);
        return new ProjectedPlace(place, projection, local, local.getArea(), lonLat.getEnvelopeInternal(),
                ConvexParts.of(local));
    }
}
