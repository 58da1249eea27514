package org.skynet.vms.core.coverage;

import java.util.List;

/**
 * The area of a union of convex polygons, computed from their boundaries without any overlay.
 *
 * <p>By Green's theorem, twice the area of a region is the sum of x&middot;dy &minus; y&middot;dx
 * over its boundary, counter-clockwise. The boundary of a union is made of the parts of each
 * polygon's edges that no other polygon covers; for convex polygons the part of a segment inside
 * another polygon is one interval, found by clipping the segment to the polygon's half-planes
 * (Cyrus&ndash;Beck). An uncovered fraction f of an edge a&rarr;b adds f&middot;(a &times; b).
 *
 * <p>Shared edges: where an edge and another polygon's edge lie on one line (each one's ends within
 * {@link #ON_LINE_METRES} of the other's line) in the same direction, only the polygon that comes first
 * in the list keeps it; in opposite directions both keep it and their terms cancel. So coincident
 * views (two cameras with the same view, pieces clipped to the same edge of a place) count once.
 *
 * <p>Cost: polygons inside another one are left out; for every edge, one box test per other polygon
 * and a half-plane pass over those whose box meets it, stopping at the first that holds the whole
 * edge. Polygons are counter-clockwise arrays {x0, y0, x1, y1, ...} without a repeated last
 * point and without edges shorter than {@link ConvexClip#MIN_EDGE_METRES}. Stateless, thread-safe.
 */
final class ConvexUnion {
    /**
     * A point this close to an edge's line, metres, is on it. Far above the rounding noise of views
     * projected from lon/lat (about 1e-9 m: at 1e-9, three radial edges from cameras on one diagonal were
     * judged partly on one line and partly not, and all three dropped their shared stretch), far below
     * any real distance between views; an edge taken as on the line moves the area by under 1e-4 m²
     * per 100 m.
     */
    static final double ON_LINE_METRES = 1e-6;

    private ConvexUnion() {
    }

    /** Area of the union of the given convex counter-clockwise polygons, in square metres. */
    static double area(List<double[]> polygons) {
        int n = polygons.size();
        if (n == 0) {
            return 0;
        }
        if (n == 1) {
            return ConvexClip.area(polygons.get(0));
        }
        double[][] boxes = new double[n][];
        for (int i = 0; i < n; i++) {
            boxes[i] = box(polygons.get(i));
        }
        boolean[] inAnother = containedInAnother(polygons, boxes);
        double[] covered = new double[2 * n + 2];
        double[] interval = new double[2];
        double twice = 0;
        for (int i = 0; i < n; i++) {
            if (inAnother[i]) {
                continue;
            }
            double[] p = polygons.get(i);
            // Neighbouring edges tend to lie inside the same polygon: try the last one that held a whole edge first.
            int lastWhole = -1;
            for (int k = 0; k < p.length; k += 2) {
                int next = k + 2 == p.length ? 0 : k + 2;
                double ax = p[k];
                double ay = p[k + 1];
                double bx = p[next];
                double by = p[next + 1];
                if (lastWhole >= 0 && inside(polygons.get(lastWhole), lastWhole < i, ax, ay, bx, by, interval)
                        && isWhole(interval)) {
                    continue;
                }
                int count = 0;
                boolean whole = false;
                for (int j = 0; j < n && !whole; j++) {
                    if (j != i && !inAnother[j] && meets(boxes[j], ax, ay, bx, by)
                            && inside(polygons.get(j), j < i, ax, ay, bx, by, interval)) {
                        covered[count++] = interval[0];
                        covered[count++] = interval[1];
                        if (isWhole(interval)) {
                            whole = true;
                            lastWhole = j;
                        }
                    }
                }
                if (!whole) {
                    twice += uncoveredFraction(covered, count) * (ax * by - bx * ay);
                }
            }
        }
        return twice / 2;
    }

    /**
     * Which polygons lie inside another one (every vertex inside or on it) that is itself kept: they
     * add nothing to the union and are left out. Of identical polygons, the last one is kept.
     */
    private static boolean[] containedInAnother(List<double[]> polygons, double[][] boxes) {
        int n = polygons.size();
        boolean[] inAnother = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n && !inAnother[i]; j++) {
                inAnother[i] = j != i && !inAnother[j] && boxHolds(boxes[j], boxes[i])
                        && ConvexClip.coversAll(polygons.get(j), polygons.get(i));
            }
        }
        return inAnother;
    }

    private static boolean isWhole(double[] interval) {
        return interval[0] <= 0 && interval[1] >= 1;
    }

    private static boolean boxHolds(double[] outer, double[] inner) {
        return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
    }

    /**
     * The interval [t0, t1] of the segment a + t(b &minus; a), 0 &le; t &le; 1, inside the convex
     * polygon q, into {@code out}; false if it is empty.
     *
     * @param wins whether q keeps an edge it shares in the same direction with the segment
     */
    private static boolean inside(double[] q, boolean wins, double ax, double ay, double bx, double by,
            double[] out) {
        double tIn = 0;
        double tOut = 1;
        double tolerance = ON_LINE_METRES * ON_LINE_METRES;
        for (int k = 0; k < q.length; k += 2) {
            int next = k + 2 == q.length ? 0 : k + 2;
            double px = q[k];
            double py = q[k + 1];
            double ex = q[next] - px;
            double ey = q[next + 1] - py;
            // Positive: left of the edge, inside a counter-clockwise polygon. |d| / |e| is the distance.
            double da = ex * (ay - py) - ey * (ax - px);
            double db = ex * (by - py) - ey * (bx - px);
            if (onOneLine(da, db, ex * ex + ey * ey, tolerance, px, py, q[next], q[next + 1], ax, ay, bx, by)) {
                if (wins && ex * (bx - ax) + ey * (by - ay) > 0) {
                    continue;
                }
                return false;
            }
            if (da < 0 && db < 0) {
                return false;
            }
            if (da < 0) {
                tIn = Math.max(tIn, da / (da - db));
            } else if (db < 0) {
                tOut = Math.min(tOut, da / (da - db));
            }
            if (tIn >= tOut) {
                return false;
            }
        }
        out[0] = tIn;
        out[1] = tOut;
        return true;
    }

    /**
     * Whether segment a&rarr;b and edge p&rarr;q lie on one line: each one's ends within {@link #ON_LINE_METRES}
     * of the other's line. Checking both ways makes the answer the same whichever of the two is the
     * segment, so a shared edge is never kept by both polygons or dropped by both (one short edge
     * with ends on a long one's line may still point a little away from it).
     *
     * @param da cross product (q &minus; p) &times; (a &minus; p), {@code db} the same for b
     */
    private static boolean onOneLine(double da, double db, double edgeLengthSquared, double tolerance, double px,
            double py, double qx, double qy, double ax, double ay, double bx, double by) {
        if (da * da > tolerance * edgeLengthSquared || db * db > tolerance * edgeLengthSquared) {
            return false;
        }
        double sx = bx - ax;
        double sy = by - ay;
        double dp = sx * (py - ay) - sy * (px - ax);
        double dq = sx * (qy - ay) - sy * (qx - ax);
        double segmentLengthSquared = sx * sx + sy * sy;
        return dp * dp <= tolerance * segmentLengthSquared && dq * dq <= tolerance * segmentLengthSquared;
    }

    /** 1 minus the length of the union of the intervals {@code [t[0], t[1]], [t[2], t[3]], ...}. */
    private static double uncoveredFraction(double[] t, int count) {
        if (count == 0) {
            return 1;
        }
        sortPairsByStart(t, count);
        double free = 0;
        double reached = 0;
        for (int k = 0; k < count; k += 2) {
            if (t[k] > reached) {
                free += t[k] - reached;
            }
            reached = Math.max(reached, t[k + 1]);
        }
        return free + Math.max(0, 1 - reached);
    }

    /** Insertion sort of (start, end) pairs: a handful per edge. */
    private static void sortPairsByStart(double[] t, int count) {
        for (int k = 2; k < count; k += 2) {
            double start = t[k];
            double end = t[k + 1];
            int m = k - 2;
            while (m >= 0 && t[m] > start) {
                t[m + 2] = t[m];
                t[m + 3] = t[m + 1];
                m -= 2;
            }
            t[m + 2] = start;
            t[m + 3] = end;
        }
    }

    /** {minX, minY, maxX, maxY} widened by {@link #ON_LINE_METRES}. */
    private static double[] box(double[] p) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int k = 0; k < p.length; k += 2) {
            b[0] = Math.min(b[0], p[k]);
            b[1] = Math.min(b[1], p[k + 1]);
            b[2] = Math.max(b[2], p[k]);
            b[3] = Math.max(b[3], p[k + 1]);
        }
        b[0] -= ON_LINE_METRES;
        b[1] -= ON_LINE_METRES;
        b[2] += ON_LINE_METRES;
        b[3] += ON_LINE_METRES;
        return b;
    }

    private static boolean meets(double[] box, double ax, double ay, double bx, double by) {
        return Math.max(ax, bx) >= box[0] && Math.min(ax, bx) <= box[2]
                && Math.max(ay, by) >= box[1] && Math.min(ay, by) <= box[3];
    }
}
