package org.skynet.vms.core.coverage;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Sutherland&ndash;Hodgman clipping of convex rings, to a box or to another convex ring. For a convex
 * input the result is the exact intersection, computed without any overlay: this trims a view to
 * the part that can matter for a place before any area or overlay work. Points on the box edges get
 * the box's coordinate exactly, so clipped pieces of neighbouring views meet cleanly.
 *
 * <p>The array form used for areas ({@link ConvexUnion}) is {x0, y0, x1, y1, ...}, counter-clockwise,
 * without a repeated last point and without edges shorter than {@link #MIN_EDGE_METRES} (a shorter
 * edge has no reliable direction, and its half-plane could cut a sliver off the polygon).
 */
final class ConvexClip {
    /** Vertices closer than this to the previous one, metres, are dropped from array rings. */
    static final double MIN_EDGE_METRES = 1e-6;
    /** Rings whose area / box diagonal is below this, metres, are slivers (see {@link #solid}). */
    static final double SLIVER_METRES = 10 * ConvexUnion.ON_LINE_METRES;

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
     * The part of convex ring {@code subject} inside convex ring {@code clip}, both in the array form,
     * or null if it has no area.
     */
    static double[] toConvex(double[] subject, double[] clip) {
        double[] pts = subject;
        int n = subject.length;
        for (int k = 0; k < clip.length && n >= 6; k += 2) {
            int next = k + 2 == clip.length ? 0 : k + 2;
            double px = clip[k];
            double py = clip[k + 1];
            double ex = clip[next] - px;
            double ey = clip[next + 1] - py;
            double[] out = new double[n * 2];
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                int j = i + 2 == n ? 0 : i + 2;
                double da = ex * (pts[i + 1] - py) - ey * (pts[i] - px);
                double db = ex * (pts[j + 1] - py) - ey * (pts[j] - px);
                if (da >= 0) {
                    out[m++] = pts[i];
                    out[m++] = pts[i + 1];
                }
                if ((da >= 0) != (db >= 0)) {
                    double t = da / (da - db);
                    out[m++] = pts[i] + t * (pts[j] - pts[i]);
                    out[m++] = pts[i + 1] + t * (pts[j + 1] - pts[i + 1]);
                }
            }
            pts = out;
            n = m;
        }
        return solid(withoutShortEdges(pts, n));
    }

    /**
     * A closed convex ring (first point repeated last, either orientation) in the array form, or null
     * if it is thinner than {@link #MIN_EDGE_METRES}.
     */
    static double[] counterClockwise(Coordinate[] ring) {
        int n = ring.length - 1;
        double[] pts = new double[2 * n];
        for (int i = 0; i < n; i++) {
            pts[2 * i] = ring[i].x;
            pts[2 * i + 1] = ring[i].y;
        }
        if (area(pts) < 0) {
            for (int i = 0; i < n / 2; i++) {
                int j = n - 1 - i;
                double x = pts[2 * i];
                double y = pts[2 * i + 1];
                pts[2 * i] = pts[2 * j];
                pts[2 * i + 1] = pts[2 * j + 1];
                pts[2 * j] = x;
                pts[2 * j + 1] = y;
            }
        }
        return solid(withoutShortEdges(pts, pts.length));
    }

    /**
     * The ring, or null if it is a sliver: area / box diagonal below {@link #SLIVER_METRES}, so
     * narrower than that everywhere or negligible. A sliver's opposite edges lie on one line within
     * {@link ConvexUnion#ON_LINE_METRES}, which would make the union count one of them and drop the other;
     * leaving it out changes an area by less than 1e-3 m² per 100 m of its length.
     */
    private static double[] solid(double[] ring) {
        if (ring.length < 6) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int k = 0; k < ring.length; k += 2) {
            minX = Math.min(minX, ring[k]);
            maxX = Math.max(maxX, ring[k]);
            minY = Math.min(minY, ring[k + 1]);
            maxY = Math.max(maxY, ring[k + 1]);
        }
        return area(ring) >= SLIVER_METRES * Math.hypot(maxX - minX, maxY - minY) ? ring : null;
    }

    /** Signed area of a ring in the array form: positive if counter-clockwise. */
    static double area(double[] ring) {
        double twice = 0;
        for (int k = 0; k < ring.length; k += 2) {
            int next = k + 2 == ring.length ? 0 : k + 2;
            twice += ring[k] * ring[next + 1] - ring[next] * ring[k + 1];
        }
        return twice / 2;
    }

    /** Whether the convex counter-clockwise ring (array form) covers every point of {@code points} (same form). */
    static boolean coversAll(double[] convex, double[] points) {
        for (int i = 0; i < points.length; i += 2) {
            if (!covers(convex, points[i], points[i + 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a convex polygon covers every vertex of a geometry, and so (being convex) the whole
     * geometry: lets the caller skip an overlay when one view swallows what is left of a gap.
     */
    static boolean coversAllVertices(Polygon convex, Coordinate[] vertices) {
        double[] ring = counterClockwise(convex.getExteriorRing().getCoordinates());
        if (ring == null) {
            return false;
        }
        for (Coordinate c : vertices) {
            if (!covers(ring, c.x, c.y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(double[] convex, double x, double y) {
        for (int k = 0; k < convex.length; k += 2) {
            int next = k + 2 == convex.length ? 0 : k + 2;
            double cross = (convex[next] - convex[k]) * (y - convex[k + 1])
                    - (convex[next + 1] - convex[k + 1]) * (x - convex[k]);
            if (cross < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code n} values of {@code pts} without points within {@link #MIN_EDGE_METRES} of their predecessor. */
    private static double[] withoutShortEdges(double[] pts, int n) {
        double min = MIN_EDGE_METRES * MIN_EDGE_METRES;
        double[] out = new double[n];
        int m = 0;
        for (int i = 0; i < n; i += 2) {
            if (m == 0 || sq(pts[i] - out[m - 2]) + sq(pts[i + 1] - out[m - 1]) > min) {
                out[m++] = pts[i];
                out[m++] = pts[i + 1];
            }
        }
        while (m >= 4 && sq(out[0] - out[m - 2]) + sq(out[1] - out[m - 1]) <= min) {
            m -= 2;
        }
        return m == n ? out : Arrays.copyOf(out, m);
    }

    private static double sq(double v) {
        return v * v;
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
