package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;

/** A node's start-up repair keeps each row's node id and lease epoch, on H2 and PostgreSQL. */
class NodeRecoveryCatalogueTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void repairedRowsKeepTheirNodeAndEpoch(TestDatabase db) {
        SegmentRow open = new SegmentRow("cam-1", "/n1", "cam-1/a.mp4", T0, T0.plusSeconds(5), 450_000, 125, 1000, null,
                SegmentState.OPEN, null);
        db.jdbc().inTransaction(c -> {
            JdbcSegmentCatalogue.write(c, List.of(open), "node-1", Map.of("cam-1", 5L));
            return null;
        });
        SegmentRow closed = new SegmentRow("cam-1", "/n1", "cam-1/a.mp4", T0, T0.plusSeconds(6), 540_000, 150, 1200,
                "ab", SegmentState.CLOSED, "RECOVERED");
        SegmentRow rebuilt = new SegmentRow("cam-1", "/n1", "cam-1/b.mp4", T0.plusSeconds(6), T0.plusSeconds(8), 180_000,
                50, 400, "cd", SegmentState.CLOSED, "RECOVERED");
        new NodeRecoveryCatalogue(db.jdbc(), "node-1").upsert(List.of(closed, rebuilt));

        assertEquals(List.of("node-1|5|CLOSED", "node-1|null|CLOSED"), db.jdbc().query(
                "SELECT node_id, lease_epoch, state FROM recording_segments ORDER BY path",
                rs -> rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getString(3)));
    }
}
