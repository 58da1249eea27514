package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/** The uptime definition, on hand-made histories and on the history read back from both databases. */
class UptimeTest {
    private static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void maintenanceAndUnknownAreLeftOutOfTheDenominator() {
        // before the period: ONLINE; 06:00 OFFLINE; 08:00 ONLINE; 12:00 MAINTENANCE; 18:00 UNKNOWN; 19:00 DEGRADED
        List<StateChange> h = List.of(
                change("c", HealthState.UNKNOWN, HealthState.ONLINE, "2026-11-24T20:00:00Z"),
                change("c", HealthState.ONLINE, HealthState.OFFLINE, "2026-11-25T06:00:00Z"),
                change("c", HealthState.OFFLINE, HealthState.ONLINE, "2026-11-25T08:00:00Z"),
                change("c", HealthState.ONLINE, HealthState.MAINTENANCE, "2026-11-25T12:00:00Z"),
                change("c", HealthState.MAINTENANCE, HealthState.UNKNOWN, "2026-11-25T18:00:00Z"),
                change("c", HealthState.UNKNOWN, HealthState.DEGRADED, "2026-11-25T19:00:00Z"));
        Uptime u = Uptime.of(h, FROM, TO);
        long hour = 3_600_000;
        assertEquals(6 * hour + 4 * hour + 5 * hour, u.upMillis());
        assertEquals(17 * hour, u.countedMillis());
        assertEquals(15.0 / 17, u.fraction(), 1e-12);
    }

    @Test
    void noHistoryMeansNoFraction() {
        assertNull(Uptime.of(List.of(), FROM, TO).fraction());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void uptimeFromTheStoredHistory(TestDatabase db) throws Exception {
        List<StateChange> changes = List.of(
                change("a", HealthState.UNKNOWN, HealthState.ONLINE, "2026-11-24T10:00:00Z"),
                change("a", HealthState.ONLINE, HealthState.OFFLINE, "2026-11-24T23:00:00Z"),
                change("a", HealthState.OFFLINE, HealthState.ONLINE, "2026-11-25T06:00:00Z"),
                change("b", HealthState.UNKNOWN, HealthState.ONLINE, "2026-11-25T12:00:00Z"),
                change("b", HealthState.ONLINE, HealthState.OFFLINE, "2026-11-26T01:00:00Z"));
        try (Connection c = db.database().connection()) {
            c.setAutoCommit(false);
            HealthStore.write(c, changes.stream().map(s -> new HealthRecord(s,
                    new CameraHealth(s.cameraId(), s.to(), s.reason(), s.at(), 1, 0, 0, null))).toList());
            c.commit();
        }
        Map<String, List<StateChange>> history = new HealthStore(db.database().dataSource()).history(null, null, FROM, TO);
        Uptime a = Uptime.of(history.get("a"), FROM, TO);
        Uptime b = Uptime.of(history.get("b"), FROM, TO);
        long hour = 3_600_000;
        assertEquals(18 * hour, a.upMillis());
        assertEquals(24 * hour, a.countedMillis());
        assertEquals(12 * hour, b.upMillis());
        assertEquals(12 * hour, b.countedMillis(), "UNKNOWN before b's first transition is not counted");
        assertEquals(30.0 / 36, a.plus(b).fraction(), 1e-12);
        assertEquals(List.of("a"), List.copyOf(new HealthStore(db.database().dataSource())
                .history("a", null, FROM, TO).keySet()));
    }

    static StateChange change(String id, HealthState from, HealthState to, String at) {
        return new StateChange(id, from, to, "test", Instant.parse(at), 1);
    }
}
