package org.skynet.vms.core.places.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.LocalProjection;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.coverage.ViewCone;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/**
 * Which of the cameras that do not count now would see a place's gap. Built once per report over the uncounted
 * cameras (an STRtree of their view boxes in lon/lat); each query projects the gap and the candidates' views into
 * the place's own plane (azimuthal equidistant around the place's centroid, as the engine does) and measures
 * area(gap ∩ view). A camera whose view meets less than {@link #MIN_GAP_SHARE} of the gap is left out: such a
 * sliver is an artefact of the arc segments, not a restoration. Immutable after construction; thread-safe.
 */
final class GapRestorers {
    /** Smallest share of a gap a camera must see to be listed. */
    static final double MIN_GAP_SHARE = 1e-3;
    /** Margin around view boxes, metres, as in the engine: covers camera-plane versus place-plane differences. */
    private static final double BOX_MARGIN_METRES = 1.0;

    private final ViewCone cones;
    private final Function<CameraView, String> stateOf;
    private final STRtree tree = new STRtree();

    /**
     * @param uncounted cameras that do not count in the report's mode
     * @param stateOf   the state to show for a camera (monitor state, or DISABLED)
     */
    GapRestorers(Collection<CameraView> uncounted, ViewCone cones, Function<CameraView, String> stateOf) {
        this.cones = cones;
        this.stateOf = stateOf;
        for (CameraView c : uncounted) {
            Envelope metres = cones.build(0, 0, c).getEnvelopeInternal();
            tree.insert(LocalProjection.lonLatEnvelope(c.lat(), c.lon(), metres, BOX_MARGIN_METRES), c);
        }
        tree.build();
    }

    /**
     * The place as a shortfall: its gap's area and the cameras that would see part of the gap, the largest part
     * first (ties by id).
     *
     * @param gapLonLat the part of the place the counted cameras do not see, lon/lat
     */
    Shortfall shortfall(PlaceCoverage result, Geometry gapLonLat) {
        Place place = result.place();
        Coordinate centre = place.geometry().getCentroid().getCoordinate();
        LocalProjection plane = new LocalProjection(centre.y, centre.x);
        Geometry gap = plane.forward(gapLonLat);
        double gapArea = gap.getArea();
        double placeArea = plane.forward(place.geometry()).getArea();
        List<RestoringCamera> cameras = new ArrayList<>();
        if (gapArea > 0 && placeArea > 0) {
            @SuppressWarnings("unchecked")
            List<CameraView> candidates = tree.query(gapLonLat.getEnvelopeInternal());
            for (CameraView c : candidates) {
                Coordinate at = plane.forward(c.lat(), c.lon(), new Coordinate());
                Geometry view = cones.build(at.x, at.y, c);
                if (!view.getEnvelopeInternal().intersects(gap.getEnvelopeInternal())) {
                    continue;
                }
                double seen = OverlayNGRobust.overlay(gap, view, OverlayNG.INTERSECTION).getArea();
                if (seen / gapArea >= MIN_GAP_SHARE) {
                    cameras.add(new RestoringCamera(c.id(), stateOf.apply(c), seen, Math.min(1, seen / gapArea),
                            Math.min(1, result.coverage() + seen / placeArea)));
                }
            }
            cameras.sort(Comparator.comparingDouble(RestoringCamera::gapSquareMetres).reversed()
                    .thenComparing(RestoringCamera::cameraId));
        }
        return new Shortfall(place.id(), place.name(), place.district(), place.category(), place.requiredCoverage(),
                result.coverage(), gapArea, cameras);
    }
}
