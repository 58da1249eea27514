package org.skynet.vms.core.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Computes one place's coverage from its candidate cameras, in the place's local plane.
 *
 * <p>Rather than union all views and intersect the union with the place, it starts from the whole
 * place and subtracts each counted view in turn, largest first: what remains is the gap, and coverage is
 * 1 &minus; area(gap) / area(place). Each view is first split into convex pieces and clipped exactly
 * to the place's bounding box ({@link ConvexClip}), so the JTS difference only sees the few vertices
 * that matter; a piece that covers every vertex of what is left empties the gap without an overlay,
 * and once the gap is empty the remaining views cost a box test each. On the benchmark city this
 * is about 2.5 times faster than union-then-intersect, with the same areas.
 *
 * <p>Deterministic: the order of subtraction depends only on the candidates (by area, ties in the
 * order given, which the engine makes id order), so the same inputs give bit-identical results in full
 * and incremental computations. Thread-safe.
 */
final class PlaceCalculator {
    private final ViewCone cones;

    PlaceCalculator(ViewCone cones) {
        this.cones = cones;
    }

    ViewCone cones() {
        return cones;
    }

    /**
     * @param candidates cameras whose view box intersects the place's box, sorted by id; filtered here
     *                   by mode, state and exact geometry
     */
    PlaceCoverage compute(ProjectedPlace place, List<CameraView> candidates, CoverageMode mode, LiveStates states) {
        List<CameraView> used = new ArrayList<>();
        Geometry gap = subtractViews(place, candidates, mode, states, used);
        double coverage = Math.max(0.0, Math.min(1.0, 1.0 - gap.getArea() / place.areaSquareMetres()));
        return new PlaceCoverage(place.place(), coverage, coverage >= place.place().requiredCoverage(), used);
    }

    /** The part of the place that none of the given cameras sees, in the place's local plane. */
    Geometry gapLocal(ProjectedPlace place, List<CameraView> cameras) {
        return subtractViews(place, cameras, CoverageMode.DESIGNED, LiveStates.NONE, new ArrayList<>());
    }

    private Geometry subtractViews(ProjectedPlace place, List<CameraView> candidates, CoverageMode mode,
            LiveStates states, List<CameraView> used) {
        Envelope box = place.local().getEnvelopeInternal();
        Coordinate at = new Coordinate();
        PreparedGeometry prepared = null;
        List<Polygon> contributing = new ArrayList<>();
        List<Polygon> pieces = new ArrayList<>(2);
        for (CameraView camera : candidates) {
            if (!mode.counts(camera, states)) {
                continue;
            }
            place.projection().forward(camera.lat(), camera.lon(), at);
            pieces.clear();
            for (Coordinate[] ring : cones.convexRings(at.x, at.y, camera)) {
                Polygon piece = ConvexClip.toBox(ring, box, cones.factory());
                if (piece != null) {
                    pieces.add(piece);
                }
            }
            if (pieces.isEmpty()) {
                continue;
            }
            if (prepared == null) {
                prepared = PreparedGeometryFactory.prepare(place.local());
            }
            if (intersectsAny(prepared, pieces)) {
                used.add(camera);
                contributing.addAll(pieces);
            }
        }
        // Largest pieces first: the gap shrinks fastest, so later pieces more often miss it or swallow
        // it whole (25-30% less time on the benchmark city). The sort is stable, so ties keep id order
        // and the result stays deterministic.
        contributing.sort(Comparator.comparingDouble((Polygon p) -> -p.getArea()));
        Geometry gap = place.local();
        for (Polygon piece : contributing) {
            if (gap.isEmpty()) {
                break;
            }
            if (piece.getEnvelopeInternal().intersects(gap.getEnvelopeInternal())) {
                gap = ConvexClip.coversAllVertices(piece, gap.getCoordinates())
                        ? gap.getFactory().createPolygon() : difference(gap, piece);
            }
        }
        return gap;
    }

    private static boolean intersectsAny(PreparedGeometry place, List<Polygon> pieces) {
        for (Polygon p : pieces) {
            if (place.intersects(p)) {
                return true;
            }
        }
        return false;
    }

    private static Geometry difference(Geometry a, Geometry b) {
        try {
            return a.difference(b);
        } catch (TopologyException e) {
            // The classic overlay gives up on rare near-coincident edges; OverlayNG snaps and always answers.
            return OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE);
        }
    }
}
