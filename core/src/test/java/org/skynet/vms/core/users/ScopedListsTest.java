package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.alarms.AlarmPage;
import org.skynet.vms.core.alarms.AlarmQuery;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStatus;
import org.skynet.vms.core.alarms.AlarmStore;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.places.PlacePage;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.places.StoredPlace;

/** The district scope inside the place and alarm list queries, paged, on H2 and PostgreSQL. */
class ScopedListsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final DistrictScope EAST = new DistrictScope(Set.of("east"));
    private static final String[] DISTRICTS = {"east", "west", "north"};

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void placesPageOverTheScopeOnly(TestDatabase db) {
        PlaceStore store = new PlaceStore(db.jdbc(), Clock.fixed(T0, ZoneOffset.UTC));
        List<StoredPlace> places = new ArrayList<>();
        List<String> east = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = String.format(Locale.ROOT, "p%02d", i);
            places.add(new StoredPlace(id, "Place " + i, "school", DISTRICTS[i % 3], 0.5,
                    "{\"type\":\"Point\",\"coordinates\":[113.75,23.02]}", T0, T0));
            if (i % 3 == 0) {
                east.add(id);
            }
        }
        store.importAll(places);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            PlacePage page = store.list(null, null, EAST, 3, cursor);
            page.items().forEach(p -> seen.add(p.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(east, seen);
        assertEquals(List.of(), store.list("west", null, EAST, 3, null).items());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void alarmsPageOverTheScopeOnly(TestDatabase db) throws Exception {
        AlarmStore store = new AlarmStore(db.database().dataSource());
        List<Alarm> alarms = new ArrayList<>();
        List<Long> east = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String district = DISTRICTS[i % 3];
            alarms.add(new Alarm(i, AlarmKind.OFFLINE, AlarmSeverity.MAJOR, AlarmStatus.OPEN, "cam-" + i, district,
                    "down", T0.plusSeconds(i), null, null, null, null, null, null, List.of()));
            if (district.equals("east")) {
                east.add(0, (long) i);
            }
        }
        try (Connection c = db.database().connection()) {
            AlarmStore.write(c, alarms);
        }
        List<Long> seen = new ArrayList<>();
        Long after = null;
        do {
            AlarmPage page = store.page(new AlarmQuery(null, null, null, null, 2, after, EAST));
            page.items().forEach(a -> seen.add(a.id()));
            after = page.nextCursor() == null ? null : AlarmStore.afterId(page.nextCursor());
        } while (after != null);
        assertEquals(east, seen);
    }
}
