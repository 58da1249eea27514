package org.skynet.vms.recorder.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.InMemorySegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.fmp4.MediaTools;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * Segments written by {@link SegmentWriter} from the test clips (8 s, files of about 3.2 s, fragments
 * of 1.2 s), stitched back: ffprobe and ffmpeg judge the result, whose frames and duration must be
 * those of the fragments served, with sequence numbers and decode times rewritten.
 */
class PlaybackServiceTest {
    private static final Instant WALL0 = Instant.parse("2026-03-04T10:00:00Z");

    @TempDir
    Path dir;

    private final InMemorySegmentCatalogue catalogue = new InMemorySegmentCatalogue();

    @ParameterizedTest
    @EnumSource(Codec.class)
    void wholeRecordingStitchesIntoOnePlayableFile(Codec codec) throws IOException {
        record("cam-a", TestClips.timed(codec, 4, 1_000_000, WALL0));
        assertEquals(3, catalogue.all().size(), "8 s in files of about 3 s");

        StitchedMp4 mp4 = new PlaybackService(catalogue::segments).stitch("cam-a", WALL0, WALL0.plusSeconds(8));

        assertEquals(4 * TestClips.FRAMES, mp4.frames());
        assertEquals(WALL0, mp4.startWall());
        assertEquals(WALL0.plusSeconds(8), mp4.endWall());
        assertFalse(mp4.parametersChanged());
        checkWithTools(mp4, codec);
        checkRewrittenFragments(mp4);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void partialRangeServesTheOverlappingFragmentsAcrossFiles(Codec codec) throws IOException {
        record("cam-a", TestClips.timed(codec, 4, 0, WALL0));
        Instant from = WALL0.plusSeconds(2);
        Instant to = WALL0.plusSeconds(5);

        StitchedMp4 mp4 = new PlaybackService(catalogue::segments).stitch("cam-a", from, to);

        assertEquals(WALL0.plusMillis(1200), mp4.startWall(), "starts at the fragment holding 'from'");
        assertEquals(WALL0.plusMillis(5600), mp4.endWall(), "ends with the fragment holding 'to'");
        assertEquals(110, mp4.frames(), "4.4 s at 25 fps");
        checkWithTools(mp4, codec);
        checkRewrittenFragments(mp4);
    }

    @Test
    void gapBetweenRecordingsIsClosed() throws IOException {
        List<AccessUnit> units = new ArrayList<>(TestClips.timed(Codec.H264, 1, 0, WALL0));
        units.addAll(TestClips.timed(Codec.H264, 1, 90_000 * 60, WALL0.plusSeconds(60)));
        record("cam-gap", units);

        StitchedMp4 mp4 = new PlaybackService(catalogue::segments).stitch("cam-gap", WALL0, WALL0.plusSeconds(62));

        assertEquals(2 * TestClips.FRAMES, mp4.frames());
        assertEquals(4 * 90_000, mp4.duration90k(), "two 2 s recordings, the 58 s between them left out");
        assertEquals(WALL0.plusSeconds(62), mp4.endWall());
        checkWithTools(mp4, Codec.H264);
        checkRewrittenFragments(mp4);
    }

    @Test
    void otherCodecParametersLaterInTheRangeAreLeftOut() throws IOException {
        List<AccessUnit> units = new ArrayList<>(TestClips.timed(Codec.H264, 1, 0, WALL0));
        units.addAll(TestClips.timed(Codec.H265, 1, 2 * 90_000, WALL0.plusSeconds(2)));
        record("cam-mix", units);
        assertEquals(2, catalogue.all().size());

        StitchedMp4 mp4 = new PlaybackService(catalogue::segments).stitch("cam-mix", WALL0, WALL0.plusSeconds(4));

        assertTrue(mp4.parametersChanged());
        assertEquals(TestClips.FRAMES, mp4.frames());
        assertEquals(WALL0.plusSeconds(2), mp4.endWall());
        checkWithTools(mp4, Codec.H264);
    }

    @Test
    void rangesOverTheLimitsAreRefused() {
        record("cam-a", TestClips.timed(Codec.H264, 2, 0, WALL0));
        PlaybackService small = new PlaybackService(catalogue::segments, Duration.ofSeconds(10), 10_000);

        assertEquals(ErrorKind.INVALID_ARGUMENT, kind(() -> small.stitch("cam-a", WALL0, WALL0.plusSeconds(11))));
        assertEquals(ErrorKind.INVALID_ARGUMENT, kind(() -> small.stitch("cam-a", WALL0, WALL0.plusSeconds(4))));
        assertEquals(ErrorKind.INVALID_ARGUMENT, kind(() -> small.stitch("cam-a", WALL0, WALL0)));
        assertEquals(ErrorKind.NOT_FOUND, kind(() -> small.stitch("cam-a", WALL0.plusSeconds(5),
                WALL0.plusSeconds(9))));
        assertEquals(ErrorKind.NOT_FOUND, kind(() -> small.stitch("cam-b", WALL0, WALL0.plusSeconds(4))));
        List<SegmentRow> many = Collections.nCopies(PlaybackService.MAX_SEGMENTS, catalogue.all().get(0));
        PlaybackService crowded = new PlaybackService((camera, from, to, limit) -> many);
        assertEquals(ErrorKind.INVALID_ARGUMENT, kind(() -> crowded.stitch("cam-a", WALL0, WALL0.plusSeconds(4))));
    }

    private void record(String cameraId, List<AccessUnit> units) {
        TestRecordings.record(dir, catalogue, cameraId, units);
    }

    private void checkWithTools(StitchedMp4 mp4, Codec codec) throws IOException {
        MediaTools.assumeAvailable();
        Path file = Files.write(dir.resolve("playback-" + System.nanoTime() + ".mp4"), mp4.bytes());
        Map<String, String> probe = MediaTools.probe(file);
        assertEquals(codec == Codec.H264 ? "h264" : "hevc", probe.get("codec_name"));
        assertEquals(String.valueOf(mp4.frames()), probe.get("nb_read_frames"));
        double written = mp4.duration90k() / 90_000.0;
        assertEquals(written, Double.parseDouble(probe.get("format.duration")), written * 0.01, "duration");
        MediaTools.assertDecodesCleanly(file);
    }

    /** Sequence numbers 1, 2, ... and each tfdt equal to the sum of the durations before it. */
    private static void checkRewrittenFragments(StitchedMp4 mp4) {
        ByteBuffer buf = ByteBuffer.wrap(mp4.bytes());
        int pos = 0;
        long sequence = 0;
        long time = 0;
        long frames = 0;
        while (pos < buf.limit()) {
            int size = (int) Fmp4Parser.size(buf, pos);
            if (Fmp4Parser.type(buf, pos).equals("moof")) {
                FragmentInfo f = Fmp4Parser.parseMoof(buf.slice(pos, size));
                assertEquals(++sequence, f.sequenceNumber());
                assertEquals(time, f.baseMediaDecodeTime());
                assertTrue(f.firstSampleSync());
                time += f.duration();
                frames += f.sampleCount();
            }
            pos += size;
        }
        assertEquals(mp4.fragments(), sequence);
        assertEquals(mp4.duration90k(), time);
        assertEquals(mp4.frames(), frames);
    }

    private static ErrorKind kind(Runnable r) {
        return assertThrows(VmsException.class, r::run).kind();
    }
}
