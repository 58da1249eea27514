package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;

/** Segment rows of a node that lost its lease are refused by the database, on H2 and PostgreSQL. */
class FencedSegmentCatalogueTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    private static SegmentRow row(String camera, String root, int minute, boolean closed) {
        Instant start = T0.plusSeconds(60L * minute);
        return new SegmentRow(camera, root, camera + "/" + minute + ".mp4", start, start.plusSeconds(60), 60 * 90_000L,
                1500, 1_000_000, closed ? "ab".repeat(32) : null, closed ? SegmentState.CLOSED : SegmentState.OPEN,
                closed ? "ROTATED" : null);
    }

    private static LeaseEpochs epochs(Map<String, Long> held) {
        return camera -> held.containsKey(camera) ? OptionalLong.of(held.get(camera)) : OptionalLong.empty();
    }

    private static List<Object> stamp(TestDatabase db, SegmentRow r) {
        return db.jdbc().queryOne("SELECT node_id, lease_epoch, state FROM recording_segments WHERE storage_root = ? "
                        + "AND path = ?", rs -> List.<Object>of(String.valueOf(rs.getString(1)), rs.getLong(2),
                        rs.getString(3)), r.storageRoot(), r.path())
                .orElse(List.of());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void rowsOfAnOlderEpochAreRefusedAndReported(TestDatabase db) throws Exception {
        String camera = LeaseTestCameras.insert(db.jdbc(), 1).get(0);
        LeaseStore store = new LeaseStore(db.jdbc());
        store.sync();
        Lease a = store.claim("a", 1, Duration.ofMillis(200)).get(0);
        List<FencedSegmentCatalogue.Refusal> refusedA = new ArrayList<>();
        FencedSegmentCatalogue catA = new FencedSegmentCatalogue(db.jdbc(), "a", epochs(Map.of(camera, a.epoch())),
                refusedA::add);
        SegmentRow open = row(camera, "/srv/a", 0, false);
        catA.upsert(List.of(open));
        assertEquals(List.of("a", a.epoch(), "OPEN"), stamp(db, open));

        Thread.sleep(300); // a's lease expires unrenewed: b claims the camera
        Lease b = store.claim("b", 1, Duration.ofSeconds(10)).get(0);
        assertEquals(a.epoch() + 1, b.epoch());

        SegmentRow closed = row(camera, "/srv/a", 0, true);
        SegmentRow next = row(camera, "/srv/a", 1, false);
        catA.upsert(List.of(closed, next)); // a still believes it holds the camera under its old epoch
        assertEquals(List.of(new FencedSegmentCatalogue.Refusal(camera, a.epoch(), 2)), refusedA);
        assertEquals(2, catA.refusedRows());
        assertEquals(List.of("a", a.epoch(), "OPEN"), stamp(db, open), "the row of the old epoch is left as it was");
        assertEquals(List.of(), stamp(db, next));

        List<FencedSegmentCatalogue.Refusal> refusedB = new ArrayList<>();
        FencedSegmentCatalogue catB = new FencedSegmentCatalogue(db.jdbc(), "b", epochs(Map.of(camera, b.epoch())),
                refusedB::add);
        SegmentRow own = row(camera, "/srv/b", 1, true);
        catB.upsert(List.of(own));
        assertEquals(List.of("b", b.epoch(), "CLOSED"), stamp(db, own));
        assertEquals(List.of(), refusedB);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void rowsOfACameraWithoutLeaseAreRefusedAndSingleProcessRowsHaveNoNode(TestDatabase db) {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 2);
        LeaseStore store = new LeaseStore(db.jdbc());
        store.sync();
        Lease held = store.claim("a", 1, Duration.ofSeconds(10)).get(0);
        String other = cameras.get(0).equals(held.cameraId()) ? cameras.get(1) : cameras.get(0);
        List<FencedSegmentCatalogue.Refusal> refused = new ArrayList<>();
        FencedSegmentCatalogue cat = new FencedSegmentCatalogue(db.jdbc(), "a",
                epochs(Map.of(held.cameraId(), held.epoch(), other, 7L)), refused::add);
        SegmentRow mine = row(held.cameraId(), "/srv/a", 0, false);
        SegmentRow notMine = row(other, "/srv/a", 0, false);
        cat.upsert(List.of(mine, notMine));
        assertEquals(List.of(new FencedSegmentCatalogue.Refusal(other, 7L, 1)), refused);
        assertEquals(List.of("a", held.epoch(), "OPEN"), stamp(db, mine));
        assertEquals(List.of(), stamp(db, notMine));

        FencedSegmentCatalogue none = new FencedSegmentCatalogue(db.jdbc(), "a", epochs(Map.of()), refused::add);
        none.upsert(List.of(row(held.cameraId(), "/srv/a", 1, false)));
        assertEquals(new FencedSegmentCatalogue.Refusal(held.cameraId(), null, 1), refused.get(1));

        SegmentRow single = row(other, "/srv/single", 0, true);
        new JdbcSegmentCatalogue(db.jdbc()).upsert(List.of(single));
        assertEquals(List.of("null", 0L, "CLOSED"), stamp(db, single));
        assertTrue(store.release("a", held));
    }
}
