package org.skynet.vms.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmEvent;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.alarms.AlarmService;
import org.skynet.vms.core.alarms.AlarmSettings;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStore;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.monitor.WriteBehind;
import org.skynet.vms.core.server.Json;

/**
 * The cluster check against real alarms on both databases: a node that stops heartbeating raises NODE_LOST,
 * its cameras raise one UNASSIGNED alarm once their leases have been gone longer than the grace (not during a
 * normal fail-over), the alarm follows the list and clears when every camera has a node again; the
 * {@code nodes} push goes out only on a change.
 */
class NodeWatchTest {
    private static final NodeSettings SETTINGS = new NodeSettings(true, Duration.ofSeconds(15), Duration.ofSeconds(25),
            Duration.ofSeconds(5));

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void lostNodeAndItsUnassignedCamerasRaiseAlarmsThatClearWhenTheCamerasAreTakenOver(TestDatabase db) {
        ClusterRows rows = new ClusterRows(db.jdbc())
                .node("n1", "ACTIVE", 100, 2, 4_000_000, 10.0, 1L << 30, 9L << 30, 7.0, 1)
                .node("n2", "ACTIVE", 100, 2, 4_000_000, 10.0, 1L << 30, 9L << 30, 7.0, 1);
        for (String id : List.of("a", "b", "c", "d")) {
            rows.camera(id, "d1", "continuous", 600);
        }
        rows.lease("a", "n1", 10).lease("b", "n1", 10).lease("c", "n2", 10).lease("d", "n2", 10);
        List<AlarmEvent> events = new CopyOnWriteArrayList<>();
        List<JsonNode> pushed = new CopyOnWriteArrayList<>();
        try (WriteBehind<Alarm> writer = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write,
                Duration.ofMillis(20))) {
            AlarmService alarms = new AlarmService(new AlarmStore(db.database().dataSource()), writer,
                    new AlarmSettings(10, Duration.ofSeconds(60)), id -> Optional.of("d1"));
            alarms.onEvent(events::add);
            NodeWatch watch = new NodeWatch(new NodeDirectory(db.jdbc()), SETTINGS, alarms,
                    json -> pushed.add(read(json)), Clock.systemUTC());

            watch.check();
            assertEquals(List.of(), alarms.active());
            assertEquals(1, pushed.size());
            assertEquals("ACTIVE", pushed.get(0).at("/states/n2").asText());
            assertEquals(0, pushed.get(0).get("unassignedCameras").asInt());

            rows.heartbeat("n2", 20).lease("c", "n2", -3).lease("d", "n2", -3);
            watch.check();
            Alarm lost = only(alarms, AlarmKind.NODE_LOST);
            assertEquals(AlarmSeverity.MAJOR, lost.severity());
            assertEquals(AlarmService.CLUSTER_DISTRICT, lost.district());
            assertTrue(lost.message().startsWith("recorder node n2: no heartbeat for 2"), lost.message());
            assertTrue(alarms.active().stream().noneMatch(a -> a.kind() == AlarmKind.UNASSIGNED),
                    "leases lapsed 3 s ago: a fail-over in progress, within the grace");
            assertEquals("LOST", pushed.get(1).at("/states/n2").asText());
            assertEquals(2, pushed.get(1).get("unassignedCameras").asInt());

            rows.lease("c", "n2", -30).lease("d", "n2", -30);
            watch.check();
            Alarm unassigned = only(alarms, AlarmKind.UNASSIGNED);
            assertEquals(AlarmSeverity.CRITICAL, unassigned.severity());
            assertEquals(List.of("c", "d"), unassigned.members());
            assertEquals("2 cameras to record without a recorder node: c, d", unassigned.message());
            int before = events.size();
            watch.check();
            assertEquals(before, events.size(), "nothing changed, nothing raised again");
            assertEquals(2, pushed.size(), "nor pushed again");

            rows.lease("c", "n1", 10);
            watch.check();
            Alarm shrunk = only(alarms, AlarmKind.UNASSIGNED);
            assertEquals(unassigned.id(), shrunk.id(), "the same alarm follows the list");
            assertEquals(List.of("d"), shrunk.members());
            assertEquals(AlarmEvent.RAISED, events.get(events.size() - 1).type());

            rows.lease("d", "n1", 10);
            watch.check();
            assertTrue(alarms.active().stream().noneMatch(a -> a.kind() == AlarmKind.UNASSIGNED));
            AlarmEvent cleared = events.get(events.size() - 1);
            assertEquals(AlarmEvent.CLEARED, cleared.type());
            assertEquals("every camera to record has a recorder node again", cleared.alarm().clearedReason());
            assertEquals(List.of(AlarmKind.NODE_LOST), alarms.active().stream().map(Alarm::kind).toList(),
                    "n2 is still lost");

            db.jdbc().update("DELETE FROM recorder_nodes WHERE node_id = 'n2'");
            watch.check();
            assertEquals(List.of(), alarms.active(), "a removed node's alarm clears too");
            assertEquals(List.of(AlarmEvent.RAISED, AlarmEvent.RAISED, AlarmEvent.RAISED, AlarmEvent.CLEARED,
                    AlarmEvent.CLEARED), events.stream().map(AlarmEvent::type).toList());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void unassignedAlarmIsRestoredAfterARestartAndClearedByTheNextCheck(TestDatabase db) {
        ClusterRows rows = new ClusterRows(db.jdbc()).camera("a", "d1", "continuous", 600);
        try (WriteBehind<Alarm> writer = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write,
                Duration.ofMillis(20))) {
            AlarmService alarms = alarms(db, writer);
            new NodeWatch(new NodeDirectory(db.jdbc()), SETTINGS, alarms, json -> { }, Clock.systemUTC()).check();
            assertEquals(List.of("a"), only(alarms, AlarmKind.UNASSIGNED).members());
        }
        rows.node("n1", "ACTIVE", 100, 1, 0, null, null, null, null, 1).lease("a", "n1", 10);
        try (WriteBehind<Alarm> writer = new WriteBehind<>("alarms", db.database().dataSource(), AlarmStore::write,
                Duration.ofMillis(20))) {
            AlarmService restarted = alarms(db, writer);
            assertEquals(List.of(AlarmKind.UNASSIGNED), restarted.active().stream().map(Alarm::kind).toList());
            new NodeWatch(new NodeDirectory(db.jdbc()), SETTINGS, restarted, json -> { }, Clock.systemUTC()).check();
            assertEquals(List.of(), restarted.active());
        }
    }

    private static AlarmService alarms(TestDatabase db, WriteBehind<Alarm> writer) {
        return new AlarmService(new AlarmStore(db.database().dataSource()), writer,
                new AlarmSettings(10, Duration.ofSeconds(60)), id -> Optional.of("d1"));
    }

    private static Alarm only(AlarmService alarms, AlarmKind kind) {
        List<Alarm> found = alarms.active().stream().filter(a -> a.kind() == kind).toList();
        assertEquals(1, found.size(), kind + " alarms: " + alarms.active());
        return found.get(0);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
