package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.retention.DiskUsage;
import org.skynet.vms.recorder.retention.RetentionPolicy;
import org.skynet.vms.recorder.retention.RetentionSweeper;
import org.skynet.vms.recorder.retention.StorageQuota;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentNaming;

/**
 * Retention on the real catalogue (H2 and PostgreSQL) and real files: per-camera maximum age stored
 * with the recording mode, the retention queries (closed rows only, oldest first, one root), and a
 * sweep deleting rows and files consistently.
 */
class RetentionStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void maxAgesAreStoredPerCamera(TestDatabase db) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), clock);
        registry.create(camera("a"));
        registry.create(camera("b"));
        RecordingModes modes = new RecordingModes(db.jdbc(), clock);
        modes.set("a", RecordingMode.CONTINUOUS);
        modes.setMaxAgeDays("a", 7);
        modes.setMaxAgeDays("b", 90);
        assertEquals(RecordingMode.CONTINUOUS, modes.mode("a"), "the mode is kept");
        assertEquals(RecordingMode.OFF, modes.mode("b"), "a new row is off");
        assertEquals(Optional.of(90), modes.maxAgeDays("b"));
        assertEquals(Map.of("a", Duration.ofDays(7), "b", Duration.ofDays(90)), modes.maxAges());
        modes.setMaxAgeDays("b", null);
        assertEquals(Optional.empty(), modes.maxAgeDays("b"));
        assertEquals(Optional.empty(), modes.maxAgeDays("unknown"));
        assertEquals(Map.of("a", Duration.ofDays(7)), modes.maxAges());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void sweepDeletesExpiredThenOldestClosedRowsWithTheirFiles(TestDatabase db) throws Exception {
        JdbcSegmentCatalogue catalogue = new JdbcSegmentCatalogue(db.jdbc());
        Path root = SegmentRow.normalize(dir.resolve("root"));
        Path otherRoot = SegmentRow.normalize(dir.resolve("other"));
        List<SegmentRow> rows = new ArrayList<>();
        rows.add(row(root, "a", NOW.minus(Duration.ofDays(8)), true));   // expired for a (7 days)
        rows.add(row(root, "b", NOW.minus(Duration.ofDays(8)), true));   // kept: b has the default 30 days
        rows.add(row(root, "a", NOW.minus(Duration.ofDays(1)), true));
        rows.add(row(root, "b", NOW.minusSeconds(600), true));
        rows.add(row(root, "a", NOW.minusSeconds(60), false));            // being written
        rows.add(row(otherRoot, "a", NOW.minus(Duration.ofDays(9)), true)); // another root: not this sweep's
        catalogue.upsert(rows);

        assertEquals(List.of("a", "b"), catalogue.cameras(root.toString()));
        assertEquals(List.of(rows.get(0)), catalogue.closedEndingBefore(root.toString(), "a", NOW.minus(Duration.ofDays(7)), 10));
        assertEquals(List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3)), catalogue.oldestClosed(root.toString(), 10));

        long[] free = {0};
        RetentionSweeper sweeper = new RetentionSweeper(root, catalogue,
                new RetentionPolicy(RetentionPolicy.DEFAULT_MAX_AGE, StorageQuota.parse("q", "1000")),
                () -> Map.of("a", Duration.ofDays(7)), () -> new DiskUsage(1_000_000, free[0]));
        free[0] = 500; // 500 missing: the oldest remaining closed file (b, 8 days, 400 bytes) and the next go
        RetentionSweeper.Sweep s = sweeper.sweep(NOW);

        assertEquals(1, s.expired());
        assertEquals(2, s.evicted());
        assertEquals(List.of(rows.get(3)), catalogue.oldestClosed(root.toString(), 10));
        assertTrue(catalogue.find(root.toString(), rows.get(4).path()).isPresent(), "the open file stays");
        assertTrue(Files.exists(rows.get(4).file()));
        for (int i = 0; i < 3; i++) {
            assertFalse(Files.exists(rows.get(i).file()), "deleted: " + rows.get(i).path());
        }
        assertEquals(List.of(rows.get(5)), catalogue.oldestClosed(otherRoot.toString(), 10));
    }

    private static SegmentRow row(Path root, String camera, Instant start, boolean closed) throws Exception {
        Path file = SegmentNaming.path(root, camera, start, 0);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[400]);
        return SegmentRow.of(root, new SegmentFile(camera, file, Codec.H264, 1920, 1080, start, 60 * 90_000L, 1500, 60,
                400, closed ? "cd".repeat(32) : null, closed ? CloseReason.ROTATED : null));
    }

    private static CameraDraft camera(String id) {
        return new CameraDraft().id(id).name("cam " + id).district("d1").lat(23.0).lon(113.7).bearing(0.0).fov(60.0)
                .range(50.0).rtspUrl("rtsp://192.0.2.10/" + id);
    }
}
