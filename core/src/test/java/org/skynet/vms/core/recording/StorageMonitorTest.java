package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.retention.DiskUsage;
import org.skynet.vms.recorder.retention.RetentionCatalogue;
import org.skynet.vms.recorder.retention.RetentionPolicy;
import org.skynet.vms.recorder.retention.RetentionSweeper;
import org.skynet.vms.recorder.retention.StorageQuota;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;

/** The STORAGE alarm follows write failures and sweeps that cannot meet the quota. */
class StorageMonitorTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path root;

    private final List<Optional<String>> reports = new CopyOnWriteArrayList<>();
    private volatile long usableBytes = 500;
    private StorageMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void aSweepShortOfTheQuotaRaisesAndOneThatMeetsItClears() throws Exception {
        monitor = monitor();
        assertTrue(!monitor.sweepNow().get(10, TimeUnit.SECONDS).keepsUp());
        assertTrue(last().orElseThrow().startsWith("cannot keep up: "), last().toString());
        usableBytes = 5000;
        assertTrue(monitor.sweepNow().get(10, TimeUnit.SECONDS).keepsUp());
        assertEquals(Optional.empty(), last());
    }

    @Test
    void aFailedWriteRaisesUntilTheNextFragmentIsWritten() throws Exception {
        usableBytes = 5000;
        monitor = monitor();
        List<String> seen = new CopyOnWriteArrayList<>();
        SegmentListener watched = monitor.watch(new SegmentListener() {
            @Override
            public void closed(SegmentFile file) {
                seen.add("closed " + file.closeReason());
            }

            @Override
            public void fragmentWritten(SegmentFile file) {
                seen.add("fragment");
            }
        });
        watched.closed(file(CloseReason.WRITE_FAILED));
        assertTrue(last().orElseThrow().startsWith("recording stopped: writing cam-1.mp4 of camera cam-1 failed"));
        watched.fragmentWritten(file(null));
        assertEquals(Optional.empty(), last());
        assertEquals(List.of("closed WRITE_FAILED", "fragment"), seen, "events reach the catalogue unchanged");
    }

    private Optional<String> last() {
        return reports.get(reports.size() - 1);
    }

    private StorageMonitor monitor() {
        RetentionCatalogue empty = new RetentionCatalogue() {
            @Override
            public List<String> cameras(String storageRoot) {
                return List.of();
            }

            @Override
            public List<SegmentRow> closedEndingBefore(String storageRoot, String cameraId, Instant before, int limit) {
                return List.of();
            }

            @Override
            public List<SegmentRow> oldestClosed(String storageRoot, int limit) {
                return List.of();
            }

            @Override
            public void remove(String storageRoot, String path) {
            }
        };
        RetentionSweeper sweeper = new RetentionSweeper(root, empty, new RetentionPolicy(RetentionPolicy.DEFAULT_MAX_AGE,
                StorageQuota.parse("q", "1000")), Map::of, () -> new DiskUsage(10_000, usableBytes));
        return new StorageMonitor(sweeper, (r, problem, at) -> reports.add(problem), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private SegmentFile file(CloseReason reason) {
        return new SegmentFile("cam-1", root.resolve("cam-1.mp4"), Codec.H264, 320, 180, NOW, 90_000, 25, 1, 1000,
                reason == null ? null : "ab".repeat(32), reason);
    }
}
