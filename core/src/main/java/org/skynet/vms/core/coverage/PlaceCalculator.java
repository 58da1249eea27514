package org.skynet.vms.core.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Computes one place's coverage from its candidate cameras, in the place's local plane.
 *
 * <p>Each counted view is split into convex pieces ({@link ViewCone#convexPieces}); each piece is
 * clipped exactly to each convex part of the place ({@link ConvexParts}, {@link ConvexClip#toConvex}).
 * A camera contributes when one of its pieces covers some area of the place. A part that one piece
 * covers whole counts in full; otherwise the seen area of the part is the area of the union of the
 * clipped pieces, computed from their boundaries ({@link ConvexUnion}) with no overlay at all.
 * Coverage is seen area / place area, clamped to 0..1.
 *
 * <p>The gap geometry ({@link #gapLocal}), asked for one place at a time, is the place minus the
 * contributing views' pieces (clipped to the place's box) with JTS differences, largest piece first.
 *
 * <p>Deterministic: pieces are taken in the order of the candidates (the engine gives id order), so
 * the same inputs give bit-identical results in full and incremental computations. Thread-safe.
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
        List<double[]> parts = place.convexParts();
        List<List<double[]>> inPart = new ArrayList<>(parts.size());
        boolean[] whole = new boolean[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
            inPart.add(new ArrayList<>());
        }
        List<CameraView> used = new ArrayList<>();
        Coordinate at = new Coordinate();
        for (CameraView camera : candidates) {
            if (!mode.counts(camera, states)) {
                continue;
            }
            place.projection().forward(camera.lat(), camera.lon(), at);
            boolean contributes = false;
            for (double[] piece : cones.convexPieces(at.x, at.y, camera)) {
                for (int p = 0; p < parts.size(); p++) {
                    double[] part = parts.get(p);
                    if (ConvexClip.coversAll(piece, part)) {
                        whole[p] = true;
                        contributes = true;
                    } else if (!whole[p]) {
                        double[] clipped = ConvexClip.toConvex(piece, part);
                        if (clipped != null) {
                            inPart.get(p).add(clipped);
                            contributes = true;
                        }
                    }
                }
            }
            if (contributes) {
                used.add(camera);
            }
        }
        double seen = 0;
        for (int p = 0; p < parts.size(); p++) {
            seen += whole[p] ? ConvexClip.area(parts.get(p)) : ConvexUnion.area(inPart.get(p));
        }
        double coverage = Math.max(0.0, Math.min(1.0, seen / place.areaSquareMetres()));
        return new PlaceCoverage(place.place(), coverage, coverage >= place.place().requiredCoverage(), used);
    }

    /** The part of the place that none of the given cameras sees, in the place's local plane. */
    Geometry gapLocal(ProjectedPlace place, List<CameraView> cameras) {
        Envelope box = place.local().getEnvelopeInternal();
        Coordinate at = new Coordinate();
        List<Polygon> pieces = new ArrayList<>();
        for (CameraView camera : cameras) {
            place.projection().forward(camera.lat(), camera.lon(), at);
            for (Coordinate[] ring : cones.convexRings(at.x, at.y, camera)) {
                Polygon piece = ConvexClip.toBox(ring, box, cones.factory());
                if (piece != null) {
                    pieces.add(piece);
                }
            }
        }
        // Largest pieces first: the gap shrinks fastest, so later pieces more often miss it or swallow
        // it whole. The sort is stable, so ties keep id order and the result stays deterministic.
        pieces.sort(Comparator.comparingDouble((Polygon p) -> -p.getArea()));
        Geometry gap = place.local();
        for (Polygon piece : pieces) {
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

    /** The polygons of an overlay result: both overlays can leave collapsed lines beside them. */
    private static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal) {
            return g;
        }
        List<?> polygons = PolygonExtracter.getPolygons(g);
        return polygons.isEmpty() ? g.getFactory().createPolygon() : g.getFactory().buildGeometry(polygons);
    }

    private static Geometry difference(Geometry a, Geometry b) {
        try {
            return polygonal(a.difference(b));
        } catch (TopologyException e) {
            // The classic overlay gives up on rare near-coincident edges; OverlayNG snaps and always answers.
            return polygonal(OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE));
        }
    }
}
