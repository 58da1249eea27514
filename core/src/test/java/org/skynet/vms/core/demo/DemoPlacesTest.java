package org.skynet.vms.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.Placement;

class DemoPlacesTest {
    private static SimulatedFleet fleet;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(90).build());
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    @Test
    void placesInFrontOfTheDemoCamerasSomeCoveredSomeWithGaps() throws Exception {
        List<CameraDraft> drafts = DemoData.cameras(fleet.cameras());
        byte[] json = DemoPlaces.featureCollection(drafts).toString().getBytes(StandardCharsets.UTF_8);
        List<Place> places = new PlaceGeoJson().parse(new ByteArrayInputStream(json), "demo places");
        assertEquals(DemoPlaces.MAX_PLACES, places.size(), "capped");
        assertEquals(json.length, DemoPlaces.featureCollection(drafts).toString().getBytes(StandardCharsets.UTF_8).length,
                "the same places on every start");

        List<CameraView> views = new ArrayList<>();
        for (CameraDraft d : drafts) {
            Camera c = d.toCamera(Instant.EPOCH, Instant.EPOCH);
            Placement p = c.placement();
            views.add(new CameraView(c.id(), p.lat(), p.lon(), p.bearingDegrees(), p.fovDegrees(), p.rangeMeters(),
                    c.enabled(), c.district()));
        }
        CoverageSnapshot designed = CoverageEngine.compute(places, views, CoverageMode.DESIGNED, id -> true).snapshot();
        int covered = 0;
        int gaps = 0;
        for (int i = 0; i < places.size(); i++) {
            PlaceCoverage pc = designed.place(places.get(i).id()).orElseThrow();
            boolean enabled = views.get(i).enabled();
            if (DemoPlaces.straddles(i) && pc.cameras().size() <= 1) {
                // Seen by its own camera alone (another demo camera may happen to look at it too).
                assertTrue(pc.coverage() > 0.2 && pc.coverage() < 0.8 || !enabled, pc.toString());
                assertTrue(!pc.covered(), "a straddling place has a gap: " + pc);
                gaps++;
            } else if (!DemoPlaces.straddles(i) && enabled) {
                assertTrue(pc.covered(), "a place inside its enabled camera's view is covered: " + pc);
                assertTrue(pc.cameraIds().contains(views.get(i).id()), pc.toString());
                covered++;
            }
        }
        assertTrue(covered >= DemoPlaces.MAX_PLACES / 2, "most are covered: " + covered);
        assertTrue(gaps >= DemoPlaces.MAX_PLACES / 6, "some have gaps: " + gaps);
        assertEquals(places.get(0).district(), views.get(0).district());
    }
}
