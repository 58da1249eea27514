package org.skynet.vms.core.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.monitor.WriteBehind;

/** The STORAGE alarm of a recorder root: raised once, cleared once, restored after a restart as itself. */
class StorageAlarmTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void raisedOnceClearedOnceAndRestoredAfterRestart(TestDatabase db) {
        List<AlarmEvent> events = new CopyOnWriteArrayList<>();
        WriteBehind<Alarm> writer = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write,
                Duration.ofMillis(20));
        try (writer) {
            AlarmService alarms = service(db, writer);
            alarms.onEvent(events::add);
            alarms.storageProblem("/rec", Optional.of("disk full"), T0);
            alarms.storageProblem("/rec", Optional.of("still full"), T0.plusSeconds(60));
            alarms.storageProblem("/other", Optional.empty(), T0);
            Alarm a = alarms.active().get(0);
            assertEquals(1, alarms.active().size());
            assertEquals(AlarmKind.STORAGE, a.kind());
            assertEquals(AlarmSeverity.MAJOR, a.severity());
            assertEquals(AlarmService.STORAGE_DISTRICT, a.district());
            assertEquals("storage root /rec: disk full", a.message());
            assertEquals(List.of(AlarmEvent.RAISED), events.stream().map(AlarmEvent::type).toList());
        }
        WriteBehind<Alarm> again = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write,
                Duration.ofMillis(20));
        try (again) {
            AlarmService restarted = service(db, again);
            assertEquals(List.of(AlarmKind.STORAGE), restarted.active().stream().map(Alarm::kind).toList());
            restarted.onEvent(events::add);
            restarted.storageProblem("/rec", Optional.empty(), T0.plusSeconds(120));
            assertTrue(restarted.active().isEmpty());
            assertEquals(AlarmEvent.CLEARED, events.get(events.size() - 1).type());
        }
    }

    private static AlarmService service(TestDatabase db, WriteBehind<Alarm> writer) {
        return new AlarmService(new AlarmStore(db.database().dataSource()), writer,
                new AlarmSettings(10, Duration.ofSeconds(60)), id -> Optional.of("d1"));
    }
}
