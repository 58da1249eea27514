package org.skynet.vms.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** The read side of the cluster tables on both databases, every time against the database's clock. */
class NodeDirectoryTest {
    private static final NodeSettings CLUSTER = new NodeSettings(true, Duration.ofSeconds(15), Duration.ofSeconds(25),
            Duration.ofSeconds(5));

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void nodeIsLostWhenItsHeartbeatIsOlderThanTheTtlUnlessItStopped(TestDatabase db) {
        ClusterRows rows = new ClusterRows(db.jdbc())
                .node("n-active", "ACTIVE", 100, 2, 8_000_000, 12.5, 1L << 30, 9L << 30, 6.5, 1)
                .node("n-draining", "DRAINING", 50, 1, 4_000_000, null, null, null, null, 3)
                .node("n-lost", "ACTIVE", 100, 40, 90_000_000, 70.0, 5L << 30, 1L << 30, 0.5, 60)
                .node("n-stopped", "STOPPED", 100, 0, 0, 1.0, 0L, 2L << 30, 30.0, 600)
                .camera("c1", "d1", "continuous", 600).camera("c2", "d1", "events", 600)
                .camera("c3", "d2", "continuous", 600);
        rows.lease("c1", "n-active", 10).lease("c2", "n-active", 10).lease("c3", "n-lost", -30);

        NodesOverview o = new NodeDirectory(db.jdbc()).overview(CLUSTER);

        assertEquals(List.of("n-active", "n-draining", "n-lost", "n-stopped"),
                o.nodes().stream().map(RecorderNode::nodeId).toList());
        assertEquals(List.of(NodeState.ACTIVE, NodeState.DRAINING, NodeState.LOST, NodeState.STOPPED),
                o.nodes().stream().map(RecorderNode::state).toList());
        RecorderNode lost = o.nodes().get(2);
        assertEquals("ACTIVE", lost.reportedState());
        assertTrue(lost.heartbeatAgeMillis() >= 59_000 && lost.heartbeatAgeMillis() < 70_000,
                "age by the database clock: " + lost.heartbeatAgeMillis());
        assertEquals(0, lost.leases(), "its lease expired");
        RecorderNode active = o.nodes().get(0);
        assertEquals(2, active.leases());
        assertEquals(12.5, active.cpuPercent());
        assertEquals(6.5, active.freeDays());
        assertNull(o.nodes().get(1).cpuPercent(), "a figure the node does not report stays null");
        assertEquals(new NodesOverview.Totals(4, 2, 1, 150, 3, 2, 12_000_000, 1L << 30, 9L << 30), o.totals(),
                "totals add up the live nodes only");
        assertEquals(3, o.recordedCameras());
        assertEquals(1, o.unassignedCameras());
        assertEquals(15, o.leaseTtlSeconds());
        assertNull(new NodeDirectory(db.jdbc()).overview(new NodeSettings(false, Duration.ofSeconds(15),
                Duration.ofSeconds(25), Duration.ofSeconds(5))).unassignedCameras(),
                "no lease is expected outside cluster mode");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void camerasWithoutLiveLeaseAreUnassignedOnlyAfterTheGrace(TestDatabase db) {
        ClusterRows rows = new ClusterRows(db.jdbc()).node("n1", "ACTIVE", 100, 1, 0, null, null, null, null, 1)
                .camera("leased", "d1", "continuous", 600)
                .camera("expired-long-ago", "d1", "continuous", 600)
                .camera("failing-over", "d1", "events", 600)
                .camera("never-leased", "d1", "continuous", 600)
                .camera("just-switched-on", "d1", "continuous", 2)
                .camera("released", "d1", "events", 600)
                .camera("off", "d1", "off", 600)
                .camera("disabled", "d1", false, "rtsp://192.0.2.10/x", "continuous", 600)
                .camera("no-url", "d1", true, null, "continuous", 600);
        rows.lease("leased", "n1", 10).lease("expired-long-ago", "n1", -60).lease("failing-over", "n1", -3)
                .lease("released", null, -60).lease("off", null, -600).lease("disabled", null, -600);
        NodeDirectory directory = new NodeDirectory(db.jdbc());

        NodesOverview o = directory.overview(CLUSTER);
        assertEquals(6, o.recordedCameras(), "enabled, with an RTSP URL, mode not off");
        assertEquals(5, o.unassignedCameras(), "without a live lease now, grace or not");

        UnassignedCameras late = directory.unassigned(Duration.ofSeconds(25), 200);
        assertEquals(new UnassignedCameras(3, List.of("expired-long-ago", "never-leased", "released")), late);
        assertEquals(new UnassignedCameras(3, List.of("expired-long-ago", "never-leased")),
                directory.unassigned(Duration.ofSeconds(25), 2), "the total counts beyond the limit");

        rows.lease("expired-long-ago", "n1", 10).lease("released", "n1", 10);
        assertEquals(new UnassignedCameras(1, List.of("never-leased")),
                directory.unassigned(Duration.ofSeconds(25), 200));
        rows.lease("never-leased", "n1", 10);
        assertEquals(UnassignedCameras.NONE, directory.unassigned(Duration.ofSeconds(25), 200));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void camerasOfANodeArePagedByIdWithinTheCallersDistricts(TestDatabase db) {
        ClusterRows rows = new ClusterRows(db.jdbc()).node("n1", "ACTIVE", 100, 4, 0, null, null, null, null, 1)
                .node("n2", "ACTIVE", 100, 1, 0, null, null, null, null, 1);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            rows.camera(id, id.equals("c") ? "d2" : "d1", "continuous", 600);
        }
        rows.lease("a", "n1", 10).lease("b", "n1", 10).lease("c", "n1", 10).lease("d", "n1", -5).lease("e", "n2", 10);
        NodeDirectory directory = new NodeDirectory(db.jdbc());

        NodeDirectory.NodeCameraPage first = directory.cameras("n1", null, 2, DistrictScope.ALL);
        assertEquals(List.of("a", "b"), first.items().stream().map(NodeDirectory.NodeCamera::cameraId).toList());
        assertEquals("b", first.nextAfter());
        NodeDirectory.NodeCameraPage second = directory.cameras("n1", first.nextAfter(), 2, DistrictScope.ALL);
        assertEquals(List.of("c"), second.items().stream().map(NodeDirectory.NodeCamera::cameraId).toList(),
                "an expired lease is not the node's any more");
        assertNull(second.nextAfter());
        assertEquals(List.of("a", "b"), directory.cameras("n1", null, 10, new DistrictScope(Set.of("d1"))).items()
                .stream().map(NodeDirectory.NodeCamera::cameraId).toList());
        VmsException e = assertThrows(VmsException.class, () -> directory.cameras("n9", null, 10, DistrictScope.ALL));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }
}
