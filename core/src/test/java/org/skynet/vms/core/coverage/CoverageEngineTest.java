package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.skynet.vms.errors.VmsException;

class CoverageEngineTest {
    private final List<Place> places = new PlaceGeoJson().parse(TestData.file("places.geojson"));
    private final CameraView squareDome = new CameraView("cam-001", 23.02, 113.75, 0, 360, 60, true, "Nancheng");
    private final CameraView stationDome = new CameraView("cam-002", 23.03, 113.76, 0, 360, 60, true, "Dongcheng");
    private final CameraView parkBullet = new CameraView("cam-003", 23.04, 113.7698049, 90, 180, 30, true, "Nancheng");
    private final List<CameraView> cameras = List.of(squareDome, stationDome, parkBullet);
    private final Set<String> offline = new HashSet<>(Set.of("cam-002"));
    private final LiveStates states = id -> !offline.contains(id);

    @Test
    void designedCountsEveryEnabledCamera() {
        CoverageSnapshot s = CoverageEngine.compute(places, cameras, CoverageMode.DESIGNED, LiveStates.NONE).snapshot();
        assertEquals(1.0, s.place("square-1").orElseThrow().coverage());
        assertEquals(1.0, s.place("station-1").orElseThrow().coverage());
        PlaceCoverage park = s.place("park-1").orElseThrow();
        // Half-disc of 30 m inside a 40 m square, cut at |y| = 20 m: (pi*900/2 - 2*(900*acos(2/3)-20*sqrt(500))/2) / 1600.
        double exact = (Math.PI * 900 / 2 - (900 * Math.acos(20.0 / 30) - 20 * Math.sqrt(500))) / 1600;
        assertEquals(exact, park.coverage(), 0.002);
        assertTrue(park.covered());
        assertEquals(List.of("cam-003"), park.cameraIds());
        assertEquals(new CoverageSummary.Rate(3, 3), s.summary().total());
    }

    @Test
    void liveCountsOnlyOnlineCamerasAndRatesPerDistrictAndCategory() {
        CoverageSnapshot s = CoverageEngine.compute(places, cameras, CoverageMode.LIVE, states).snapshot();
        PlaceCoverage station = s.place("station-1").orElseThrow();
        assertEquals(0.0, station.coverage());
        assertFalse(station.covered());
        assertEquals(List.of(), station.cameraIds());
        CoverageSummary summary = s.summary();
        assertEquals(new CoverageSummary.Rate(2, 3), summary.total());
        assertEquals(new CoverageSummary.Rate(0, 1), summary.districts().get("Dongcheng"));
        assertEquals(new CoverageSummary.Rate(2, 2), summary.districts().get("Nancheng"));
        assertEquals(new CoverageSummary.Rate(0, 1), summary.categories().get("station"));
        assertEquals(2.0 / 3, summary.total().rate(), 1e-12);
    }

    @Test
    void disabledCamerasDoNotCountEvenWhenOnline() {
        CoverageSnapshot s = CoverageEngine.compute(places, List.of(squareDome.withEnabled(false)), CoverageMode.LIVE,
                id -> true).snapshot();
        assertEquals(0.0, s.place("square-1").orElseThrow().coverage());
    }

    @Test
    void gapIsThePlaceMinusTheViewsInLonLat() {
        CoverageSnapshot s = CoverageEngine.compute(places, cameras, CoverageMode.DESIGNED, LiveStates.NONE).snapshot();
        assertTrue(s.gap("square-1").orElseThrow().isEmpty());
        Geometry parkGap = s.gap("park-1").orElseThrow();
        Place park = places.get(2);
        double parkCoverage = s.place("park-1").orElseThrow().coverage();
        assertEquals(1 - parkCoverage, parkGap.getArea() / park.geometry().getArea(), 1e-3);
        assertTrue(park.geometry().buffer(1e-9).covers(parkGap), "the gap lies inside the place");
        ObjectNode json = s.gapGeoJson("park-1").orElseThrow();
        assertEquals("MultiPolygon", json.get("type").asText());
        assertTrue(json.get("coordinates").size() >= 1);
        double lon = json.get("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertTrue(lon > 113.76 && lon < 113.78, "lon/lat, not metres: " + lon);
        assertEquals(0, s.gapGeoJson("square-1").orElseThrow().get("coordinates").size());
        assertTrue(s.gap("no-such-place").isEmpty());
    }

    @Test
    void stateChangeRecomputesOnlyTheAffectedPlaceAndPublishesANewSnapshot() {
        CoverageEngine engine = CoverageEngine.compute(places, cameras, CoverageMode.LIVE, states);
        CoverageSnapshot before = engine.snapshot();
        offline.remove("cam-002");
        CoverageSnapshot after = engine.stateChanged("cam-002");
        assertEquals(before.version() + 1, after.version());
        assertEquals(1.0, after.place("station-1").orElseThrow().coverage());
        assertSame(before.place("square-1").orElseThrow(), after.place("square-1").orElseThrow(),
                "places far from the camera keep their result object");
        assertEquals(0.0, before.place("station-1").orElseThrow().coverage(), "published snapshots never change");
    }

    @Test
    void movingTurningAndRemovingACameraUpdateTheOldAndNewPlaces() {
        CoverageEngine engine = CoverageEngine.compute(places, cameras, CoverageMode.DESIGNED, LiveStates.NONE);
        CoverageSnapshot moved = engine.cameraChanged(stationDome.withPosition(23.02, 113.75));
        assertEquals(0.0, moved.place("station-1").orElseThrow().coverage());
        assertEquals(List.of("cam-001", "cam-002"), moved.place("square-1").orElseThrow().cameraIds());
        CoverageSnapshot turned = engine.cameraChanged(parkBullet.withBearing(270));
        assertEquals(0.0, turned.place("park-1").orElseThrow().coverage(), 1e-5, "facing away from the park (its edges lie on the place edge)");
        CoverageSnapshot removed = engine.cameraRemoved("cam-001");
        assertEquals(List.of("cam-002"), removed.place("square-1").orElseThrow().cameraIds());
        assertSame(removed, engine.cameraRemoved("cam-001"), "removing an unknown camera changes nothing");
        assertSame(removed, engine.cameraChanged(stationDome.withPosition(23.02, 113.75)), "no change, no new snapshot");
    }

    @Test
    void duplicateCameraIdsAreRefused() {
        VmsException e = assertThrows(VmsException.class, () -> CoverageEngine.compute(places,
                List.of(squareDome, squareDome.withBearing(10)), CoverageMode.DESIGNED, LiveStates.NONE));
        assertTrue(e.getMessage().contains("duplicate camera id cam-001"), e.getMessage());
    }

    @Test
    void cameraViewsAreValidated() {
        VmsException e = assertThrows(VmsException.class,
                () -> new CameraView("c", 23, 113, 0, 0, 50, true, "d"));
        assertEquals("fov", e.field());
        assertThrows(VmsException.class, () -> new CameraView("c", 23, 113, 0, 90, 6000, true, "d"));
        assertThrows(VmsException.class, () -> new CameraView("c", 91, 113, 0, 90, 50, true, "d"));
    }
}
