package org.skynet.vms.core.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** The places table on H2 and PostgreSQL: import (insert and replace), paging, filters, edit, delete. */
class PlaceStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private final PlaceFeatures features = new PlaceFeatures(new PlaceGeoJson());

    /** A square place of about 20 m a side near 23.02 N 113.75 E. */
    static String feature(String id, String district, String category, double required, double offset) {
        double lon = 113.75 + offset;
        double lat = 23.02;
        double d = 0.0002;
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"Place " + id + "\",\"district\":\""
                + district + "\",\"category\":\"" + category + "\",\"requiredCoverage\":" + required + "},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + "," + lat + "],[" + (lon + d) + ","
                + lat + "],[" + (lon + d) + "," + (lat + d) + "],[" + lon + "," + (lat + d) + "],[" + lon + "," + lat
                + "]]]}}";
    }

    static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private List<StoredPlace> read(String json) {
        return features.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void importsPagesAndFilters(TestDatabase db) {
        PlaceStore store = new PlaceStore(db.jdbc(), CLOCK);
        List<String> fs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fs.add(feature("p" + i, i % 2 == 0 ? "east" : "west", i < 3 ? "school" : "park", 0.5, i * 0.001));
        }
        assertEquals(7, store.importAll(read(collection(fs))));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            PlacePage page = store.list(null, null, 3, cursor);
            page.items().forEach(p -> seen.add(p.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6"), seen);
        assertEquals(List.of("p0", "p2", "p4", "p6"), store.list("east", null, 10, null).items().stream()
                .map(StoredPlace::id).toList());
        assertEquals(List.of("p0", "p2"), store.list("east", "school", 10, null).items().stream()
                .map(StoredPlace::id).toList());
        assertNull(store.list("east", null, 4, null).nextCursor());
        assertEquals(ErrorKind.INVALID_ARGUMENT,
                assertThrows(VmsException.class, () -> store.list(null, null, 3, "%%%")).kind());

        StoredPlace p0 = store.get("p0");
        assertEquals(CLOCK.instant(), p0.createdAt());
        assertEquals(0.5, p0.requiredCoverage());
        assertTrue(p0.geometryJson().contains("Polygon"), p0.geometryJson());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void reimportReplacesAndStoredPlacesReadBack(TestDatabase db) {
        PlaceStore store = new PlaceStore(db.jdbc(), CLOCK);
        store.importAll(read(collection(List.of(feature("a", "east", "school", 0.5, 0)))));
        store.importAll(read(collection(List.of(feature("a", "west", "park", 0.8, 0.01), feature("b", "east", "park", 1, 0)))));
        assertEquals(2, store.all().size());
        StoredPlace a = store.get("a");
        assertEquals("west", a.district());
        assertEquals(0.8, a.requiredCoverage());

        List<Place> places = features.places(store.all());
        assertEquals(List.of("a", "b"), places.stream().map(Place::id).toList());
        assertEquals(113.76, places.get(0).geometry().getEnvelopeInternal().getMinX(), 1e-9);
        assertEquals(List.of(), features.places(List.of()));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void updatesAndDeletes(TestDatabase db) {
        PlaceStore store = new PlaceStore(db.jdbc(), CLOCK);
        store.importAll(read(collection(List.of(feature("a", "east", "school", 0.5, 0)))));
        StoredPlace changed = store.update("a", new PlaceChange("Main square", null, "north", 0.25));
        assertEquals("Main square", changed.name());
        assertEquals("school", changed.category());
        assertEquals(changed, store.get("a"));
        assertEquals(0.25, store.get("a").requiredCoverage());

        store.delete("a");
        assertTrue(store.find("a").isEmpty());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class, () -> store.delete("a")).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> store.update("a", new PlaceChange("x", null, null, null))).kind());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void badImportStoresNothingAndListsEveryBadFeature(TestDatabase db) {
        PlaceStore store = new PlaceStore(db.jdbc(), CLOCK);
        String bad = collection(List.of(feature("ok", "east", "school", 0.5, 0), feature("x1", "east", "school", 7, 0),
                feature("x2", "east", "school", -1, 0)));
        VmsException e = assertThrows(VmsException.class, () -> store.importAll(read(bad)));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("x1") && e.getMessage().contains("x2"), e.getMessage());
        assertEquals(List.of(), store.all());
    }
}
