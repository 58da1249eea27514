package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;
import org.skynet.vms.recorder.clips.ClipConfig;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentWriter;

/**
 * Start-up of the recording service after a crash, on H2 and PostgreSQL: a file whose row is still open
 * is repaired and its row closed; a file the catalogue never heard of gets a row.
 */
class RecordingServiceRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path data;

    /** The simulator's 1080p clip, 40 ms apart from {@code wall0}; writes {@code frames} of them without closing. */
    /** A file of {@code frames} frames as a crash leaves it: its last fragment half written. */
    static SegmentFile crashedFile(Path root, String camera, Instant wall0, int frames) throws IOException {
        List<AccessUnit> clip;
        try (InputStream in = RecordingServiceRecoveryTest.class.getResourceAsStream("/sim/main_1080p.h264")) {
            clip = AnnexBReader.read(in.readAllBytes(), H264Syntax.INSTANCE, 3600);
        }
        SegmentFile[] last = new SegmentFile[1];
        SegmentWriter writer = new SegmentWriter(camera, SegmentConfig.defaults(root).withFsync(false),
                new SegmentListener() {
                    @Override
                    public void fragmentWritten(SegmentFile file) {
                        last[0] = file;
                    }
                });
        for (int i = 0; i < frames; i++) {
            AccessUnit u = clip.get(i % clip.size());
            writer.accept(u.withTiming(i * 3600L, wall0.plusMillis(40L * i)), wall0.plusMillis(40L * i));
        }
        try (FileChannel ch = FileChannel.open(last[0].path(), StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[777])); // the fragment in flight when the process died
        }
        return last[0];
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void startRepairsOpenRowsAndRebuildsMissingOnes(TestDatabase db) throws IOException {
        Path root = data.resolve("recordings");
        JdbcSegmentCatalogue catalogue = new JdbcSegmentCatalogue(db.jdbc());
        SegmentFile known = crashedFile(root, "cam-1", T0, 120);
        catalogue.upsert(List.of(SegmentRow.of(root, known)));
        SegmentFile unknown = crashedFile(root, "cam-2", T0.plusSeconds(30), 80);
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), clock);

        try (RecordingService service = RecordingService.start(new RecordingSettings(root, 1, 1, false), registry,
                new RecordingModes(db.jdbc(), clock), RecordedCameras.ALL, catalogue, ClipConfig.defaults(data.resolve("clips")),
                new ClipCatalogueWriter(new ClipStore(db.jdbc()), data.resolve("clips")), clock,
                UnaryOperator.identity())) {
            assertTrue(service.statuses().isEmpty(), "no camera has a mode yet");
            String rootName = SegmentRow.normalize(root).toString();
            assertTrue(catalogue.openSegments(rootName).isEmpty());
            SegmentRow repaired = service.segments("cam-1", T0, T0.plusSeconds(60), 10).get(0);
            assertEquals(SegmentState.CLOSED, repaired.state());
            assertEquals("RECOVERED", repaired.closeReason());
            assertEquals(known.frames(), repaired.frames());
            assertEquals(known.sizeBytes(), Files.size(known.path()), "cut after the last complete fragment");
            assertNotNull(repaired.sha256());
            SegmentRow rebuilt = service.segments("cam-2", T0, T0.plusSeconds(60), 10).get(0);
            assertEquals(unknown.frames(), rebuilt.frames());
            assertEquals(T0.plusSeconds(30), rebuilt.startWall());
            assertEquals("RECOVERED", rebuilt.closeReason());
        }
    }
}
