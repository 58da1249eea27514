package org.skynet.vms.recorder.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;
import org.skynet.vms.recorder.segment.SegmentNaming;

/**
 * Sweeps over real files with an in-memory catalogue and a disk whose free space is its size minus
 * the files under the root (so deleting really frees space); time is passed in.
 */
class RetentionSweeperTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final long DISK_BYTES = 10_000;

    @TempDir
    Path root;

    private final InMemoryRetentionCatalogue catalogue = new InMemoryRetentionCatalogue();
    private long otherUsedBytes;

    @BeforeEach
    void normalize() {
        root = SegmentRow.normalize(root);
    }

    @Test
    void segmentsOlderThanTheirCamerasMaximumAgeGoAndNothingElse() throws Exception {
        SegmentRow oldA = segment("cam-a", NOW.minus(Duration.ofDays(31)), 100, SegmentState.CLOSED);
        SegmentRow keptA = segment("cam-a", NOW.minus(Duration.ofDays(29)), 100, SegmentState.CLOSED);
        SegmentRow oldB = segment("cam-b", NOW.minus(Duration.ofDays(3)), 100, SegmentState.CLOSED);
        SegmentRow keptB = segment("cam-b", NOW.minus(Duration.ofHours(1)), 100, SegmentState.CLOSED);

        RetentionSweeper.Sweep s = sweeper(StorageQuota.parse("q", "0%"), Map.of("cam-b", Duration.ofDays(2)))
                .sweep(NOW);

        assertEquals(2, s.expired());
        assertEquals(0, s.evicted());
        assertEquals(200, s.freedBytes());
        assertEquals(List.of(keptA, keptB), catalogue.rows);
        assertFalse(Files.exists(oldA.file()));
        assertFalse(Files.exists(oldB.file()));
        assertFalse(Files.exists(oldA.file().getParent()), "the emptied past day directory is removed");
        assertTrue(Files.exists(keptA.file()));
    }

    @Test
    void quotaDeletesOldestFirstAcrossCamerasUntilEnoughIsFree() throws Exception {
        SegmentRow first = segment("cam-b", NOW.minusSeconds(600), 2000, SegmentState.CLOSED);
        SegmentRow second = segment("cam-a", NOW.minusSeconds(540), 2000, SegmentState.CLOSED);
        SegmentRow third = segment("cam-b", NOW.minusSeconds(480), 2000, SegmentState.CLOSED);
        SegmentRow newest = segment("cam-a", NOW.minusSeconds(420), 2000, SegmentState.CLOSED);
        otherUsedBytes = 1500; // 9500 used of 10000: 500 free, 2000 (20%) wanted

        RetentionSweeper.Sweep s = sweeper(StorageQuota.parse("q", "20%"), Map.of()).sweep(NOW);

        assertEquals(1, s.evicted(), "2000 bytes of the oldest file cover the 1500 missing");
        assertEquals(List.of(second, third, newest), catalogue.rows);
        assertFalse(Files.exists(first.file()));
        assertEquals(2500, s.usage().usableBytes());
        assertTrue(s.keepsUp());
    }

    @Test
    void theFileBeingWrittenIsNeverDeletedAndAShortfallIsReported() throws Exception {
        SegmentRow closed = segment("cam-a", NOW.minusSeconds(120), 3000, SegmentState.CLOSED);
        SegmentRow open = segment("cam-a", NOW.minusSeconds(60), 3000, SegmentState.OPEN);
        otherUsedBytes = 3500;

        RetentionSweeper.Sweep s = sweeper(StorageQuota.parse("q", "5000"), Map.of()).sweep(NOW);

        assertEquals(1, s.evicted());
        assertEquals(List.of(open), catalogue.rows);
        assertTrue(Files.exists(open.file()));
        assertFalse(Files.exists(closed.file()));
        assertEquals(3500, s.usage().usableBytes());
        assertEquals(1500, s.shortfallBytes());
        assertFalse(s.keepsUp());
    }

    @Test
    void aRowWhoseFileIsAlreadyGoneIsRemovedToo() throws Exception {
        SegmentRow gone = segment("cam-a", NOW.minus(Duration.ofDays(40)), 100, SegmentState.CLOSED);
        Files.delete(gone.file());
        RetentionSweeper.Sweep s = sweeper(StorageQuota.DEFAULT, Map.of()).sweep(NOW);
        assertEquals(1, s.expired());
        assertEquals(0, s.freedBytes());
        assertTrue(catalogue.rows.isEmpty());
    }

    private RetentionSweeper sweeper(StorageQuota quota, Map<String, Duration> ages) {
        return new RetentionSweeper(root, catalogue, new RetentionPolicy(RetentionPolicy.DEFAULT_MAX_AGE, quota),
                () -> ages, () -> new DiskUsage(DISK_BYTES, DISK_BYTES - otherUsedBytes - usedUnderRoot()));
    }

    private long usedUnderRoot() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private SegmentRow segment(String camera, Instant start, int bytes, SegmentState state) throws IOException {
        Path file = SegmentNaming.path(root, camera, start, 0);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        Instant end = start.plusSeconds(60);
        SegmentRow row = new SegmentRow(camera, root.toString(), root.relativize(file).toString(), start, end,
                60 * 90_000L, 1500, bytes, state == SegmentState.CLOSED ? "ab".repeat(32) : null, state,
                state == SegmentState.CLOSED ? "ROTATED" : null);
        catalogue.rows.add(row);
        return row;
    }
}
