package org.skynet.vms.core.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.CatalogueWriter;
import org.skynet.vms.recorder.catalogue.InMemorySegmentCatalogue;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentWriter;

/**
 * Export directories from real segment files (the simulator's 360p clip recorded with the recorder's
 * writer): parts cut at whole fragments with none twice and none lost, gaps listed, manifest signed.
 */
class ExportWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path tmp;

    private final InMemorySegmentCatalogue catalogue = new InMemorySegmentCatalogue();
    private SigningKey key;
    private long recordedFrames;

    @BeforeEach
    void record() throws Exception {
        key = SigningKey.loadOrCreate(tmp);
        List<AccessUnit> clip;
        try (InputStream in = getClass().getResourceAsStream("/sim/sub_360p.h264")) {
            clip = AnnexBReader.read(in.readAllBytes(), H264Syntax.INSTANCE, 3600);
        }
        Path root = tmp.resolve("rec");
        try (CatalogueWriter rows = new CatalogueWriter(catalogue, root, Duration.ofHours(1))) {
            SegmentWriter writer = new SegmentWriter("cam-1", SegmentConfig.defaults(root).withFsync(false)
                    .withSegmentTarget(Duration.ofSeconds(20)), rows);
            recordedFrames += feed(writer, clip, 0, 60);    // 0 s .. 60 s
            writer.close();
            recordedFrames += feed(writer, clip, 90, 30);   // 90 s .. 120 s, after a 30 s gap
            writer.close();
            assertTrue(rows.flush().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void partsHoldEveryRecordedFragmentOnceAndTheGapsAreListed() throws Exception {
        Path dir = tmp.resolve("export");
        byte[] manifestBytes = writer(Duration.ofSeconds(25)).write(request(T0.minusSeconds(10), T0.plusSeconds(130)),
                camera(), dir);
        JsonNode manifest = new ObjectMapper().readTree(manifestBytes);

        JsonNode files = manifest.get("files");
        // Parts of 25 s from the requested start (-10 s): 0-15, 15-40, 40-60 | nothing at 60-85 | 90-110, 110-120.
        assertEquals(5, files.size(), files.toString());
        long frames = 0;
        Instant previousEnd = null;
        for (JsonNode f : files) {
            frames += f.get("frames").asLong();
            Instant start = Instant.parse(f.get("start").textValue());
            if (previousEnd != null) {
                assertFalse(start.isBefore(previousEnd), "no fragment in two parts: " + files);
            }
            previousEnd = Instant.parse(f.get("end").textValue());
        }
        assertEquals(recordedFrames, frames, "every recorded frame of the range is exported once");
        assertEquals(List.of("2026-11-26T05:59:50Z/2026-11-26T06:00:00Z", "2026-11-26T06:01:00Z/2026-11-26T06:01:30Z",
                "2026-11-26T06:02:00Z/2026-11-26T06:02:10Z"), intervals(manifest.get("gaps")));
        assertTrue(ExportCheck.verify(dir, key.publicKeyDer()).intact());
        assertEquals(manifestBytes.length, Files.size(dir.resolve(ExportManifest.FILE_NAME)));
    }

    @Test
    void aRangeWithoutRecordingIsNotFoundAndWritesNoManifest() {
        Path dir = tmp.resolve("empty");
        VmsException e = assertThrows(VmsException.class, () -> writer(Duration.ofMinutes(5))
                .write(request(T0.plusSeconds(65), T0.plusSeconds(85)), camera(), dir));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertFalse(Files.exists(dir.resolve(ExportManifest.FILE_NAME)));
    }

    private ExportWriter writer(Duration part) {
        return new ExportWriter(catalogue::segments, part, key, "test");
    }

    private static ExportRecord request(Instant from, Instant to) {
        return new ExportRecord("e-1", "cam-1", from, to, "operator", T0.plusSeconds(3600), ExportRecord.PENDING, null,
                null, null);
    }

    private static ExportManifest.CameraInfo camera() {
        return new ExportManifest.CameraInfo("cam-1", "Gate", "d1");
    }

    /** Feeds the clip looped for {@code seconds} from {@code T0 + startSecond}, at 25 fps; frames fed. */
    private static long feed(SegmentWriter writer, List<AccessUnit> clip, int startSecond, int seconds) {
        int n = seconds * 25;
        for (int i = 0; i < n; i++) {
            Instant wall = T0.plusSeconds(startSecond).plusMillis(40L * i);
            writer.accept(clip.get(i % clip.size()).withTiming((startSecond * 25L + i) * 3600, wall), wall);
        }
        return n;
    }

    private static List<String> intervals(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(i -> out.add(i.get("start").textValue() + "/" + i.get("end").textValue()));
        return out;
    }
}
