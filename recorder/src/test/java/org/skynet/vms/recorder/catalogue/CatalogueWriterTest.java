package org.skynet.vms.recorder.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;
import org.skynet.vms.recorder.ingest.Await;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentWriter;

class CatalogueWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path root;

    private final InMemorySegmentCatalogue catalogue = new InMemorySegmentCatalogue();

    /** Three files of 20, 20 and 10 frames (segment target 0.8 s, keyframe every 10 frames). */
    private void record(CatalogueWriter listener) {
        SegmentWriter writer = new SegmentWriter("cam-1",
                SegmentConfig.defaults(root).withFsync(false).withSegmentTarget(Duration.ofMillis(800)), listener);
        for (AccessUnit u : TestClips.timed(Codec.H264, 1, 0, T0)) {
            writer.accept(u, u.wallClock());
        }
        writer.close();
    }

    @Test
    void aDiscardedFileLosesItsWaitingAndItsStoredRow() throws Exception {
        try (CatalogueWriter writer = new CatalogueWriter(catalogue, root, Duration.ofHours(1))) {
            record(writer);
            assertTrue(writer.flush().get(5, TimeUnit.SECONDS));
            SegmentRow stored = catalogue.all().get(0);
            writer.discarded(new SegmentFile("cam-1", stored.file(), Codec.H264, 320, 180, stored.startWall(), 0, 0, 0,
                    stored.sizeBytes(), null, null));
            assertTrue(writer.flush().get(5, TimeUnit.SECONDS));
            assertEquals(2, catalogue.all().size());
            assertTrue(catalogue.find(stored.storageRoot(), stored.path()).isEmpty());
        }
    }

    @Test
    void rowsReachTheCatalogueInBatchesWithTheFinalState() throws Exception {
        try (CatalogueWriter writer = new CatalogueWriter(catalogue, root, Duration.ofHours(1))) {
            record(writer);
            assertEquals(3, writer.pendingRows(), "one waiting row per file, newest state only");
            assertTrue(writer.flush().get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, catalogue.upsertCalls(), "one batch");
        List<SegmentRow> rows = catalogue.all();
        assertEquals(3, rows.size());
        assertEquals(List.of(20L, 20L, 10L), rows.stream().map(SegmentRow::frames).toList());
        for (SegmentRow r : rows) {
            assertEquals(SegmentState.CLOSED, r.state());
            assertNotNull(r.sha256());
            assertEquals(root.toAbsolutePath().normalize().toString(), r.storageRoot());
            assertTrue(r.path().startsWith("cam-1/2026-11-26/cam-1_20261126T0600"), r.path());
            assertTrue(r.file().toFile().isFile());
            assertEquals(r.startWall().plusMillis(r.mediaDurationMillis()), r.endWall());
        }
    }

    @Test
    void anOutageKeepsRowsUntilTheCatalogueIsBack() throws Exception {
        catalogue.setAvailable(false);
        try (CatalogueWriter writer = new CatalogueWriter(catalogue, root, Duration.ofHours(1))) {
            record(writer);
            assertFalse(writer.flush().get(5, TimeUnit.SECONDS));
            assertFalse(writer.flush().get(5, TimeUnit.SECONDS));
            assertEquals(3, writer.pendingRows(), "nothing dropped while the store is down");
            catalogue.setAvailable(true);
            assertTrue(writer.flush().get(5, TimeUnit.SECONDS));
            assertEquals(0, writer.pendingRows());
        }
        assertEquals(3, catalogue.all().size());
        assertTrue(catalogue.all().stream().allMatch(r -> r.state() == SegmentState.CLOSED));
    }

    @Test
    void retriesOnItsOwnAfterAnOutage() {
        catalogue.setAvailable(false);
        try (CatalogueWriter writer = new CatalogueWriter(catalogue, root, Duration.ofMillis(50))) {
            record(writer);
            Await.until(Duration.ofSeconds(5), () -> catalogue.rejectedCalls() > 0, () -> "a failed attempt");
            catalogue.setAvailable(true);
            Await.until(Duration.ofSeconds(10), () -> writer.pendingRows() == 0,
                    () -> writer.pendingRows() + " rows still waiting for the background retry");
        }
        assertEquals(3, catalogue.all().size());
    }
}
