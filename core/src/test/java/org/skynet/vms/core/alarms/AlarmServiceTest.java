package org.skynet.vms.core.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.monitor.WriteBehind;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** Raising, clearing, acknowledging and storm grouping, stored on H2 and PostgreSQL. */
class AlarmServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private TestDatabase db;
    private WriteBehind<Alarm> writer;
    private AlarmService alarms;
    private final List<AlarmEvent> events = new CopyOnWriteArrayList<>();

    private void open(TestDatabase database) {
        db = database;
        writer = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write, Duration.ofMillis(20));
        alarms = new AlarmService(new AlarmStore(db.database().dataSource()), writer, new AlarmSettings(10, Duration.ofSeconds(60)),
                id -> Optional.of(id.startsWith("n-") ? "North" : "South"));
        alarms.onEvent(events::add);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void offlineRaisesRecoveryClearsAndAckIsRecorded(TestDatabase database) {
        open(database);
        alarms.stateChanged(change("s-1", HealthState.ONLINE, HealthState.OFFLINE, "no answer to 3 probes in a row", 0));
        Alarm raised = alarms.activeFor("s-1").orElseThrow();
        assertEquals(AlarmKind.OFFLINE, raised.kind());
        assertEquals(AlarmSeverity.MAJOR, raised.severity());
        assertEquals("South", raised.district());

        Alarm acked = alarms.acknowledge(raised.id(), "olga", "crew sent", T0.plusSeconds(5));
        assertEquals(AlarmStatus.ACKNOWLEDGED, acked.status());
        assertEquals("olga", acked.ackedBy());
        VmsException again = assertThrows(VmsException.class, () -> alarms.acknowledge(raised.id(), "olga", "", T0));
        assertEquals(ErrorKind.CONFLICT, again.kind());

        alarms.stateChanged(change("s-1", HealthState.OFFLINE, HealthState.ONLINE, "answered in 40 ms", 60));
        assertTrue(alarms.activeFor("s-1").isEmpty());
        assertEquals(List.of(AlarmEvent.RAISED, AlarmEvent.ACKNOWLEDGED, AlarmEvent.CLEARED),
                events.stream().map(AlarmEvent::type).toList());
        assertTrue(Await.until(Duration.ofSeconds(5), () -> writer.pending() == 0));
        Alarm stored = new AlarmStore(db.database().dataSource()).find(raised.id()).orElseThrow();
        assertEquals(AlarmStatus.CLEARED, stored.status());
        assertEquals("crew sent", stored.ackNote());
        assertEquals(T0.plusSeconds(5), stored.ackedAt());
        assertEquals(ErrorKind.CONFLICT, assertThrows(VmsException.class,
                () -> alarms.acknowledge(raised.id(), "olga", "", T0)).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> alarms.acknowledge(999_999, "olga", "", T0)).kind());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void streamMissingIsMinorAndAuthFailedSupersedesIt(TestDatabase database) {
        open(database);
        alarms.stateChanged(change("s-2", HealthState.ONLINE, HealthState.DEGRADED, "stream missing: no video track", 0));
        assertEquals(AlarmSeverity.MINOR, alarms.activeFor("s-2").orElseThrow().severity());
        alarms.stateChanged(change("s-2", HealthState.DEGRADED, HealthState.AUTH_FAILED, "credentials refused: 401", 10));
        assertEquals(AlarmKind.AUTH_FAILED, alarms.activeFor("s-2").orElseThrow().kind());
        assertEquals(1, alarms.active().size());
        alarms.stateChanged(change("s-3", HealthState.ONLINE, HealthState.DEGRADED, "slow answer: 2500 ms", 0));
        assertTrue(alarms.activeFor("s-3").isEmpty(), "a slow camera raises no alarm");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void manyFailuresOfOneDistrictBecomeOneStorm(TestDatabase database) {
        open(database);
        for (int i = 0; i < 25; i++) {
            alarms.stateChanged(change("n-" + i, HealthState.ONLINE, HealthState.OFFLINE, "no answer", i));
        }
        alarms.stateChanged(change("s-9", HealthState.ONLINE, HealthState.OFFLINE, "no answer", 30));
        List<Alarm> storms = alarms.active().stream().filter(a -> a.kind() == AlarmKind.STORM).toList();
        assertEquals(1, storms.size());
        Alarm storm = storms.get(0);
        assertEquals("North", storm.district());
        assertEquals(AlarmSeverity.CRITICAL, storm.severity());
        assertEquals(25, storm.members().size());
        assertEquals(26 + 1, alarms.active().size(), "members are still tracked one by one");
        long pushedCameraAlarms = events.stream().filter(e -> e.alarm().kind() != AlarmKind.STORM).count();
        assertEquals(9 + 1, pushedCameraAlarms, "9 before the threshold in North, 1 in South; the rest only via the storm");

        alarms.acknowledge(storm.id(), "sam", "power cut in North", T0.plusSeconds(40));
        assertTrue(alarms.active().stream().filter(a -> "North".equals(a.district()))
                .allMatch(a -> a.status() == AlarmStatus.ACKNOWLEDGED));

        for (int i = 0; i < 25; i++) {
            alarms.stateChanged(change("n-" + i, HealthState.OFFLINE, HealthState.ONLINE, "answered", 100 + i));
        }
        assertTrue(alarms.active().stream().noneMatch(a -> a.kind() == AlarmKind.STORM));
        assertEquals(AlarmEvent.CLEARED, events.get(events.size() - 1).type());
        assertEquals(storm.id(), events.get(events.size() - 1).alarm().id());
        assertTrue(Await.until(Duration.ofSeconds(5), () -> writer.pending() == 0));
        AlarmPage page = alarms.list(new AlarmQuery(AlarmStatus.CLEARED, "North", AlarmSeverity.CRITICAL, null, 10, null));
        assertEquals(1, page.items().size());
        assertEquals(25, page.items().get(0).members().size());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void failuresSpreadOverTimeRaiseNoStorm(TestDatabase database) {
        open(database);
        for (int i = 0; i < 20; i++) {
            alarms.stateChanged(change("n-" + i, HealthState.ONLINE, HealthState.OFFLINE, "no answer", i * 10L));
        }
        assertTrue(alarms.active().stream().noneMatch(a -> a.kind() == AlarmKind.STORM));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void activeAlarmsAndStormsAreRestoredAtStart(TestDatabase database) {
        open(database);
        for (int i = 0; i < 12; i++) {
            alarms.stateChanged(change("n-" + i, HealthState.ONLINE, HealthState.OFFLINE, "no answer", i));
        }
        alarms.stateChanged(change("s-1", HealthState.ONLINE, HealthState.AUTH_FAILED, "credentials refused", 20));
        alarms.stateChanged(change("s-1", HealthState.AUTH_FAILED, HealthState.ONLINE, "answered", 30));
        assertTrue(Await.until(Duration.ofSeconds(5), () -> writer.pending() == 0));
        long lastId = alarms.active().stream().mapToLong(Alarm::id).max().orElseThrow();

        AlarmService again = new AlarmService(new AlarmStore(db.database().dataSource()), writer,
                new AlarmSettings(10, Duration.ofSeconds(60)), id -> Optional.of("North"));
        assertEquals(alarms.active(), again.active());
        again.stateChanged(change("n-12", HealthState.ONLINE, HealthState.OFFLINE, "no answer", 40));
        Alarm joined = again.activeFor("n-12").orElseThrow();
        assertTrue(joined.id() > lastId + 1, "ids continue after the stored ones");
        Alarm storm = again.active().stream().filter(a -> a.kind() == AlarmKind.STORM).findFirst().orElseThrow();
        assertEquals(storm.id(), joined.groupId(), "a restored storm keeps collecting its district's failures");
        assertEquals(13, storm.members().size());
    }

    private static StateChange change(String id, HealthState from, HealthState to, String reason, long seconds) {
        return new StateChange(id, from, to, reason, T0.plusSeconds(seconds), 5);
    }
}
