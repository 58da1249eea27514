package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/** The polygonal view against exact circle and sector areas: within 0.2 percentage points. */
class ViewConeTest {
    private static final double PP = 0.002;
    private static final double R = 100;
    private final ViewCone cones = new ViewCone();
    private final GeometryFactory factory = cones.factory();

    @Test
    void fullCircleHasTheExactArea() {
        assertEquals(Math.PI * R * R, cones.build(0, 0, 0, 360, R).getArea(), 1e-6);
        assertEquals(Math.PI * 25 * 25, cones.build(5, -7, 33, 400, 25).getArea(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 17.3, 45, 90, 271})
    void sectorOf90DegreesHasTheExactAreaAndFacesItsBearing(double bearing) {
        Polygon sector = cones.build(0, 0, bearing, 90, R);
        assertEquals(Math.PI * R * R / 4, sector.getArea(), 1e-6);
        Coordinate centroid = sector.getCentroid().getCoordinate();
        double facing = Math.toDegrees(Math.atan2(centroid.x, centroid.y));
        assertEquals(0, Math.abs(normalise(facing - bearing)), 1e-6, "centroid direction " + facing);
    }

    @Test
    void sectorsOfAnyWidthHaveTheExactArea() {
        for (double fov = 1; fov < 360; fov += 7.5) {
            assertEquals(Math.PI * R * R * fov / 360, cones.build(0, 0, 12, fov, R).getArea(), 1e-6, "fov " + fov);
        }
    }

    /** A circle cut by the line y = d: the place is the rectangle [-r, r] x [d, r]. */
    @Test
    void halfPlaneCutIsWithinPointTwoPercentagePoints() {
        for (double d = -0.95 * R; d < 0.96 * R; d += 0.05 * R) {
            for (double phase = 0; phase < 3; phase += 0.7) {
                Polygon place = rectangle(-R, d, R, R);
                double seen = cones.build(0, 0, phase, 360, R).intersection(place).getArea();
                double exact = R * R * Math.acos(d / R) - d * Math.sqrt(R * R - d * d);
                assertEquals(exact / place.getArea(), seen / place.getArea(), PP, "d " + d + ", phase " + phase);
            }
        }
    }

    /** A 90-degree sector facing east cut by the horizontal line through its centre: half of it. */
    @Test
    void sectorCutThroughItsAxisIsHalved() {
        Polygon sector = cones.build(0, 0, 90, 90, R);
        double upper = sector.intersection(rectangle(0, 0, 2 * R, 2 * R)).getArea();
        assertEquals(0.5, upper / sector.getArea(), 1e-9);
    }

    @Test
    void convexPiecesMakeUpTheSameView() {
        CameraView wide = new CameraView("w", 23, 113.8, 200, 270, R, true, "");
        List<Coordinate[]> rings = cones.convexRings(3, 4, wide);
        assertEquals(2, rings.size());
        Geometry union = CascadedPolygonUnion.union(rings.stream().map(factory::createPolygon).toList());
        Polygon whole = cones.build(3, 4, wide);
        assertEquals(whole.getArea(), union.getArea(), 1e-6);
        assertTrue(union.symDifference(whole).getArea() < 1e-6);
        for (Coordinate[] ring : rings) {
            assertTrue(factory.createPolygon(ring).convexHull().getArea() - factory.createPolygon(ring).getArea() < 1e-6,
                    "each piece is convex");
        }
    }

    @Test
    void clippingAConvexViewToABoxIsTheExactIntersection() {
        Coordinate[] ring = cones.build(10, 20, 30, 100, R).getCoordinates();
        Envelope box = new Envelope(-20, 60, 0, 90);
        Polygon clipped = ConvexClip.toBox(ring, box, factory);
        Geometry exact = factory.createPolygon(ring).intersection(factory.toGeometry(box));
        assertEquals(exact.getArea(), clipped.getArea(), 1e-6);
        assertEquals(null, ConvexClip.toBox(ring, new Envelope(500, 600, 500, 600), factory));
    }

    /** End to end through lon/lat, the place's own projection and the engine. */
    @Test
    void engineMatchesAnalyticAreasInLonLat() {
        double lat = 23.02;
        double lon = 113.75;
        LocalProjection around = new LocalProjection(lat, lon);
        Place square = new Place("sq", null, null, null, 0.5, lonLat(around, rectangle(-R, -R, R, R)));
        CameraView dome = new CameraView("dome", lat, lon, 0, 360, R, true, "");
        CameraView quarter = new CameraView("quarter", lat, lon, 45, 90, R, true, "");
        assertEquals(Math.PI / 4, coverage(square, dome), PP);
        assertEquals(Math.PI / 16, coverage(square, quarter), PP);
        double d = 0.4 * R;
        Place strip = new Place("strip", null, null, null, 0.5, lonLat(around, rectangle(-R, d, R, R)));
        double exact = (R * R * Math.acos(d / R) - d * Math.sqrt(R * R - d * d)) / (2 * R * (R - d));
        assertEquals(exact, coverage(strip, dome), PP);
    }

    private static double coverage(Place place, CameraView camera) {
        return CoverageEngine.compute(List.of(place), List.of(camera), CoverageMode.DESIGNED, LiveStates.NONE)
                .snapshot().places().get(0).coverage();
    }

    private Geometry lonLat(LocalProjection around, Polygon local) {
        return around.inverse(local);
    }

    private Polygon rectangle(double minX, double minY, double maxX, double maxY) {
        return (Polygon) factory.toGeometry(new Envelope(minX, maxX, minY, maxY));
    }

    private static double normalise(double deg) {
        double d = deg % 360;
        return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
    }
}
