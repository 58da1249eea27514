package org.skynet.vms.core.coverage;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.polygon.ConstrainedDelaunayTriangulator;

/**
 * A place cut into convex parts with disjoint interiors, so that the part of a convex view inside
 * the place is a handful of exact convex clips ({@link ConvexClip#toConvex}). A convex polygon
 * without holes (most squares, stations and street blocks) is its own single part; any other polygon
 * is triangulated (JTS constrained Delaunay, which handles holes). Parts are in the array form of
 * {@link ConvexClip}, counter-clockwise.
 */
final class ConvexParts {
    private ConvexParts() {
    }

    /** The convex parts of a Polygon or MultiPolygon. */
    static List<double[]> of(Geometry polygonal) {
        List<double[]> parts = new ArrayList<>();
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) polygonal.getGeometryN(i);
            double[] exterior = ConvexClip.counterClockwise(polygon.getExteriorRing().getCoordinates());
            if (exterior == null) {
                continue;
            }
            if (polygon.getNumInteriorRing() == 0 && isConvex(exterior)) {
                parts.add(exterior);
                continue;
            }
            Geometry triangles = ConstrainedDelaunayTriangulator.triangulate(polygon);
            for (int t = 0; t < triangles.getNumGeometries(); t++) {
                double[] triangle = ConvexClip.counterClockwise(triangles.getGeometryN(t).getCoordinates());
                if (triangle != null) {
                    parts.add(triangle);
                }
            }
        }
        return List.copyOf(parts);
    }

    /** Whether a simple counter-clockwise ring turns left (or goes straight) at every vertex. */
    static boolean isConvex(double[] ring) {
        int n = ring.length;
        if (n < 6) {
            return false;
        }
        for (int k = 0; k < n; k += 2) {
            int b = (k + 2) % n;
            int c = (k + 4) % n;
            double cross = (ring[b] - ring[k]) * (ring[c + 1] - ring[b + 1])
                    - (ring[b + 1] - ring[k + 1]) * (ring[c] - ring[b]);
            if (cross < 0) {
                return false;
            }
        }
        return true;
    }
}
