package org.skynet.vms.recorder.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentWriter;

class CatalogueRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path root;

    private final InMemorySegmentCatalogue catalogue = new InMemorySegmentCatalogue();

    /** Writes 35 frames without closing: like a crash after the third fragment, as the catalogue saw it. */
    private SegmentFile crashedFile() {
        SegmentFile[] last = new SegmentFile[1];
        SegmentWriter writer = new SegmentWriter("cam-1", SegmentConfig.defaults(root).withFsync(false),
                new SegmentListener() {
                    @Override
                    public void fragmentWritten(SegmentFile file) {
                        last[0] = file;
                    }
                });
        for (AccessUnit u : TestClips.timed(Codec.H264, 1, 0, T0).subList(0, 35)) {
            writer.accept(u, u.wallClock());
        }
        return last[0];
    }

    @Test
    void openRowOfACrashedFileIsRepairedAndClosed() throws IOException {
        SegmentFile seen = crashedFile();
        catalogue.upsert(List.of(SegmentRow.of(root, seen)));
        appendGarbage(seen.path(), 1000); // a fragment cut short by the crash

        CatalogueRecovery.Report report = CatalogueRecovery.recover(root, catalogue);

        assertEquals(new CatalogueRecovery.Report(1, 0, 0, 1000), report);
        SegmentRow row = catalogue.all().get(0);
        assertEquals(SegmentState.CLOSED, row.state());
        assertEquals(CloseReason.RECOVERED.name(), row.closeReason());
        assertEquals(seen.frames(), row.frames());
        assertEquals(seen.sizeBytes(), row.sizeBytes());
        assertEquals(Files.size(seen.path()), row.sizeBytes());
        assertNotNull(row.sha256());
        assertEquals(new CatalogueRecovery.Report(0, 0, 0, 0), CatalogueRecovery.recover(root, catalogue),
                "idempotent");
    }

    @Test
    void fileWithoutARowGetsOneAndRowWithoutAFileGoes() throws IOException {
        SegmentFile seen = crashedFile();
        SegmentRow ghost = new SegmentRow("cam-1", SegmentRow.normalize(root).toString(),
                "cam-1/2026-11-25/cam-1_20261125T230000.000Z.mp4", T0.minus(Duration.ofHours(7)),
                T0.minus(Duration.ofHours(7)).plusSeconds(60), 60 * 90_000, 1500, 1 << 20, null, SegmentState.OPEN, null);
        catalogue.upsert(List.of(ghost));

        CatalogueRecovery.Report report = CatalogueRecovery.recover(root, catalogue);

        assertEquals(new CatalogueRecovery.Report(0, 1, 1, 0), report);
        List<SegmentRow> rows = catalogue.all();
        assertEquals(1, rows.size());
        assertEquals(SegmentRow.of(root, seen).path(), rows.get(0).path());
        assertEquals(seen.frames(), rows.get(0).frames());
        assertEquals(T0, rows.get(0).startWall());
    }

    @Test
    void fileWithoutUsableInitIsDeleted() throws IOException {
        Path day = Files.createDirectories(root.resolve("cam-2/2026-11-26"));
        Path broken = Files.write(day.resolve("cam-2_20261126T060000.000Z.mp4"), new byte[] {0, 0, 0, 24, 'f', 't'});
        Files.writeString(day.resolve("notes.txt"), "not a segment");
        CatalogueRecovery.Report report = CatalogueRecovery.recover(root, catalogue);
        assertEquals(new CatalogueRecovery.Report(0, 0, 1, 0), report);
        assertFalse(Files.exists(broken));
        assertTrue(catalogue.all().isEmpty());
    }

    private static void appendGarbage(Path file, int bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[bytes]));
        }
    }
}
