package org.skynet.vms.core.coverage;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Sutherland&ndash;Hodgman clipping of a convex ring to a box. For a convex input the result is the
 * exact intersection, computed without any overlay: this trims a view to the part that can matter
 * for a place before the (much more expensive) JTS difference. Points on the box edges get the
 * box's coordinate exactly, so clipped pieces of neighbouring views meet cleanly.
 */
final class ConvexClip {
    private ConvexClip() {
    }

    /**
     * @param ring closed convex ring (first point repeated last)
     * @return the part of the ring inside the box, or null if it has no area
     */
    static Polygon toBox(Coordinate[] ring, Envelope box, GeometryFactory factory) {
        Coordinate[] pts = Arrays.copyOf(ring, ring.length - 1);
        int n = pts.length;
        for (int side = 0; side < 4 && n >= 3; side++) {
            Coordinate[] out = new Coordinate[n * 2];
            int m = 0;
            for (int i = 0; i < n; i++) {
                Coordinate a = pts[i];
                Coordinate b = pts[(i + 1) % n];
                boolean aIn = inside(a, box, side);
                if (aIn) {
                    out[m++] = a;
                }
                if (aIn != inside(b, box, side)) {
                    out[m++] = crossing(a, b, box, side);
                }
            }
            pts = out;
            n = m;
        }
        if (n < 3) {
            return null;
        }
        Coordinate[] closed = Arrays.copyOf(pts, n + 1);
        closed[n] = closed[0].copy();
        Polygon p = factory.createPolygon(closed);
        return p.getArea() > 0 ? p : null;
    }

    /**
     * Whether a convex polygon covers every vertex of a geometry, and so (being convex) the whole
     * geometry: lets the caller skip an overlay when one view swallows what is left of a gap.
     */
    static boolean coversAllVertices(Polygon convex, Coordinate[] vertices) {
        Coordinate[] ring = convex.getExteriorRing().getCoordinates();
        double orientation = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            orientation += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
        }
        for (Coordinate c : vertices) {
            for (int i = 0; i + 1 < ring.length; i++) {
                Coordinate a = ring[i];
                Coordinate b = ring[i + 1];
                double cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
                if (cross * orientation < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inside(Coordinate c, Envelope box, int side) {
        return switch (side) {
            case 0 -> c.x >= box.getMinX();
            case 1 -> c.x <= box.getMaxX();
            case 2 -> c.y >= box.getMinY();
            default -> c.y <= box.getMaxY();
        };
    }

    private static Coordinate crossing(Coordinate a, Coordinate b, Envelope box, int side) {
        if (side < 2) {
            double x = side == 0 ? box.getMinX() : box.getMaxX();
            return new Coordinate(x, a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y));
        }
        double y = side == 2 ? box.getMinY() : box.getMaxY();
        return new Coordinate(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x), y);
    }
}
