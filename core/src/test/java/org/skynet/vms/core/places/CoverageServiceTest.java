package org.skynet.vms.core.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/**
 * The service's incremental updates (state changes, camera refresh, place changes) give the same coverage as
 * a fresh full computation over the same inputs.
 */
class CoverageServiceTest {
    private final TestDatabase db = TestDatabases.h2();
    private final PlaceStore store = new PlaceStore(db.jdbc(), Clock.systemUTC());
    private final PlaceFeatures features = new PlaceFeatures(new PlaceGeoJson());
    private final Map<String, CameraView> cameras = new ConcurrentHashMap<>();
    private final Set<String> online = ConcurrentHashMap.newKeySet();
    private final CoverageService service = new CoverageService(store, features, () -> List.copyOf(cameras.values()),
            online::contains);

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    @Test
    void incrementalUpdatesEqualAFreshComputation() {
        store.importAll(features.read(PlaceStoreTest.collection(List.of(
                PlaceStoreTest.feature("p1", "east", "school", 0.9, 0),
                PlaceStoreTest.feature("p2", "east", "park", 0.9, 0.01))).getBytes(StandardCharsets.UTF_8)));
        put(camera("c1", 0));
        put(camera("c2", 0.01));
        assertSame();
        assertFalse(covered(CoverageMode.LIVE, "p1"));

        online.add("c1");
        service.stateChanged("c1");
        assertTrue(covered(CoverageMode.LIVE, "p1"));
        assertSame();

        put(camera("c1", 0.01));
        service.refreshCameras();
        assertFalse(covered(CoverageMode.DESIGNED, "p1"));
        assertSame();

        cameras.remove("c2");
        put(camera("c1", 0).withEnabled(false));
        service.refreshCameras();
        assertFalse(covered(CoverageMode.DESIGNED, "p2"));
        assertSame();

        store.update("p1", new PlaceChange(null, null, null, 0.0));
        service.placesChanged();
        assertTrue(covered(CoverageMode.DESIGNED, "p1"));
        assertSame();
    }

    @Test
    void oneCameraChangedThroughTheApiEqualsAFreshComputation() {
        store.importAll(features.read(PlaceStoreTest.collection(List.of(
                PlaceStoreTest.feature("p1", "east", "school", 0.9, 0),
                PlaceStoreTest.feature("p2", "east", "park", 0.9, 0.01))).getBytes(StandardCharsets.UTF_8)));
        put(camera("c1", 0));
        assertTrue(covered(CoverageMode.DESIGNED, "p1"));

        put(camera("c1", 0.01));
        service.cameraChanged(cameras.get("c1"));
        assertFalse(covered(CoverageMode.DESIGNED, "p1"), "moved away at once, no refresh");
        assertTrue(covered(CoverageMode.DESIGNED, "p2"));
        assertSame();

        cameras.remove("c1");
        service.cameraRemoved("c1");
        assertFalse(covered(CoverageMode.DESIGNED, "p2"));
        assertSame();
        long version = service.snapshot(CoverageMode.DESIGNED).version();
        service.refreshCameras();
        assertEquals(version, service.snapshot(CoverageMode.DESIGNED).version(), "the refresh finds nothing left to do");
    }

    private void put(CameraView c) {
        cameras.put(c.id(), c);
    }

    private static CameraView camera(String id, double offset) {
        return new CameraView(id, 23.0201, 113.7501 + offset, 0, 360, 100, true, "east");
    }

    private boolean covered(CoverageMode mode, String placeId) {
        return service.snapshot(mode).place(placeId).orElseThrow().covered();
    }

    private void assertSame() {
        Collection<CameraView> now = List.copyOf(cameras.values());
        for (CoverageMode mode : CoverageMode.values()) {
            List<PlaceCoverage> expected = CoverageEngine.compute(features.places(store.all()), now, mode,
                    online::contains).snapshot().places();
            assertEquals(expected, service.snapshot(mode).places(), mode.name());
        }
    }
}
