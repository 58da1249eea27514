package org.skynet.vms.core.coverage;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns a camera's circular sector into a JTS polygon in a local metric plane.
 *
 * <p>The arc is cut into straight segments of at most 360/{@code segmentsPerTurn} degrees. Arc
 * vertices sit slightly outside the true circle, at r&middot;sqrt(&theta;/sin &theta;) for a segment
 * angle &theta;, so that every fan triangle has exactly the area of its circular slice: a full circle
 * or a whole sector has the exact analytic area, and a partial overlap differs from the exact
 * geometry only inside a band of &plusmn;r&theta;&sup2;/12 along the arc (2 cm for a 100 m range at
 * the default 128 segments per turn). {@code ViewConeTest} checks 0.2 percentage points against
 * analytic areas.
 *
 * <p>Immutable and thread-safe.
 */
public final class ViewCone {
    /** Default arc resolution: 2.8125 degrees per segment. */
    public static final int DEFAULT_SEGMENTS_PER_TURN = 128;

    private final int segmentsPerTurn;
    private final GeometryFactory factory;

    public ViewCone(int segmentsPerTurn, GeometryFactory factory) {
        if (segmentsPerTurn < 16 || segmentsPerTurn > 4096) {
            throw new IllegalArgumentException("segmentsPerTurn must be in 16..4096: " + segmentsPerTurn);
        }
        this.segmentsPerTurn = segmentsPerTurn;
        this.factory = factory;
    }

    public ViewCone() {
        this(DEFAULT_SEGMENTS_PER_TURN, new GeometryFactory());
    }

    public GeometryFactory factory() {
        return factory;
    }

    /** The camera's view around its position {@code (x, y)} in metres of some local plane. */
    public Polygon build(double x, double y, CameraView camera) {
        return build(x, y, camera.bearingDeg(), camera.fovDeg(), camera.rangeMetres());
    }

    /**
     * A sector centred at {@code (x, y)}, metres, facing {@code bearingDeg} clockwise from north (+y),
     * {@code fovDeg} wide in total (360 or more: a full circle), with radius {@code rangeMetres}.
     */
    public Polygon build(double x, double y, double bearingDeg, double fovDeg, double rangeMetres) {
        Arc arc = arc(fovDeg, rangeMetres);
        double[] points = arcPoints(x, y, arc, Math.toRadians(bearingDeg) - arc.fov / 2);
        return factory.createPolygon(closed(ring(x, y, points, 0, arc.segments, !arc.full)));
    }

    /**
     * The same polygon as {@link #build} as one or two convex closed rings: a sector wider than 180
     * degrees (and narrower than 360) is split along its bearing, the two halves sharing the middle
     * arc vertex. Convex pieces can be clipped cheaply and exactly to a box.
     */
    List<Coordinate[]> convexRings(double x, double y, CameraView camera) {
        return convexPieces(x, y, camera).stream().map(ViewCone::closed).toList();
    }

    /**
     * {@link #convexRings} in the array form of {@link ConvexClip}: {x0, y0, x1, y1, ...},
     * counter-clockwise, last point not repeated.
     */
    List<double[]> convexPieces(double x, double y, CameraView camera) {
        Arc arc = arc(camera.fovDeg(), camera.rangeMetres());
        double[] points = arcPoints(x, y, arc, Math.toRadians(camera.bearingDeg()) - arc.fov / 2);
        if (arc.full || arc.fov <= Math.PI) {
            return List.of(ring(x, y, points, 0, arc.segments, !arc.full));
        }
        int half = arc.segments / 2;
        return List.of(ring(x, y, points, 0, half, true), ring(x, y, points, half, arc.segments, true));
    }

    /** The box of the camera's view, in metres around the camera. */
    Envelope envelope(CameraView camera) {
        Arc arc = arc(camera.fovDeg(), camera.rangeMetres());
        double[] points = arcPoints(0, 0, arc, Math.toRadians(camera.bearingDeg()) - arc.fov / 2);
        Envelope box = arc.full ? new Envelope() : new Envelope(0, 0, 0, 0);
        for (int k = 0; k < points.length; k += 2) {
            box.expandToInclude(points[k], points[k + 1]);
        }
        return box;
    }

    private Arc arc(double fovDeg, double rangeMetres) {
        boolean full = fovDeg >= 360;
        double fov = Math.toRadians(full ? 360 : fovDeg);
        int segments = Math.max(1, (int) Math.ceil(fov / (2 * Math.PI) * segmentsPerTurn - 1e-9));
        if (!full && fov > Math.PI && segments % 2 == 1) {
            // Even, so that the split into two convex halves falls on a vertex.
            segments++;
        }
        double step = fov / segments;
        return new Arc(full, fov, segments, step, rangeMetres * Math.sqrt(step / Math.sin(step)));
    }

    /**
     * The arc vertices {x, y, ...} at angles start, start + step, ... (clockwise from +y): segments + 1
     * of them, or segments for a full circle. Turned by a rotation from one vertex to the next, so two
     * sine/cosine pairs per arc instead of one per vertex; the rounding drift over 4,096 steps stays
     * below 1e-12 of the radius.
     */
    private static double[] arcPoints(double x, double y, Arc arc, double start) {
        int count = arc.full ? arc.segments : arc.segments + 1;
        double[] points = new double[2 * count];
        double cosStep = Math.cos(arc.step);
        double sinStep = Math.sin(arc.step);
        double sin = Math.sin(start);
        double cos = Math.cos(start);
        for (int i = 0; i < count; i++) {
            points[2 * i] = x + arc.radius * sin;
            points[2 * i + 1] = y + arc.radius * cos;
            double nextSin = sin * cosStep + cos * sinStep;
            cos = cos * cosStep - sin * sinStep;
            sin = nextSin;
        }
        return points;
    }

    /**
     * Counter-clockwise ring of arc vertices {@code from..to}, preceded by the centre if a sector
     * (the arc runs clockwise, so it is walked backwards).
     */
    private static double[] ring(double x, double y, double[] points, int from, int to, boolean sector) {
        int arcPoints = sector ? to - from + 1 : to - from;
        double[] ring = new double[2 * (arcPoints + (sector ? 1 : 0))];
        int k = 0;
        if (sector) {
            ring[k++] = x;
            ring[k++] = y;
        }
        for (int i = from + arcPoints - 1; i >= from; i--) {
            ring[k++] = points[2 * i];
            ring[k++] = points[2 * i + 1];
        }
        return ring;
    }

    private static Coordinate[] closed(double[] ring) {
        int n = ring.length / 2;
        Coordinate[] closed = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            closed[i] = new Coordinate(ring[2 * i], ring[2 * i + 1]);
        }
        closed[n] = closed[0].copy();
        return closed;
    }

    /** How an arc is cut: whether it is a full turn, its angle and step (radians), and the vertex radius. */
    private record Arc(boolean full, double fov, int segments, double step, double radius) {
    }
}
