package org.skynet.vms.recorder.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.MediaTools;
import org.skynet.vms.recorder.fmp4.TestClips;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.ingest.IngestStatus;

/**
 * A clip written by the real writer from the test clip (25 fps, keyframe every 400 ms): one file per
 * trigger, starting at a keyframe, pre-roll + post-roll long, judged by ffprobe and ffmpeg.
 */
class ClipFilesPlayIT {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        MediaTools.assumeAvailable();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void clipIsOneSelfContainedFileOfPreRollPlusPostRoll(Codec codec) {
        List<ClipFile> opened = new CopyOnWriteArrayList<>();
        List<ClipFile> closed = new CopyOnWriteArrayList<>();
        ClipListener listener = new ClipListener() {
            @Override
            public void opened(ClipFile clip) {
                opened.add(clip);
            }

            @Override
            public void closed(ClipFile clip) {
                closed.add(clip);
            }
        };
        ClipConfig config = ClipConfig.defaults(dir).withRolls(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withFsync(false);
        IngestStatus status = new IngestStatus("cam-clip", Backoff.DEFAULT, () -> 0.5, T0);
        ClipAssembler assembler = new ClipAssembler("cam-clip", config,
                ClipWriter.factory(config, listener, status, Runnable::run));
        List<AccessUnit> units = TestClips.timed(codec, 6, 90_000, T0); // 12 s
        ClipTrigger trigger = new ClipTrigger("manual", "ana", T0.plusSeconds(6));
        for (AccessUnit au : units) {
            if (au.wallClock().equals(trigger.at())) {
                assembler.trigger(trigger);
            }
            assembler.accept(au, au.wallClock());
        }
        assertTrue(assembler.close().isDone());

        assertEquals(1, opened.size());
        assertEquals(1, closed.size());
        ClipFile clip = closed.get(0);
        assertEquals(trigger, clip.trigger());
        assertEquals(T0.plusSeconds(4), clip.file().startWall(), "6 s − 2 s is a keyframe");
        assertEquals(T0.plusSeconds(9), clip.file().endWall());
        assertEquals(125, clip.file().frames());
        assertEquals(64, clip.file().sha256().length());
        assertTrue(clip.file().path().startsWith(dir.resolve("cam-clip")), clip.file().path().toString());

        Map<String, String> probe = MediaTools.probe(clip.file().path());
        assertEquals("125", probe.get("nb_read_frames"));
        assertEquals(5.0, Double.parseDouble(probe.get("format.duration")), 0.05);
        MediaTools.Run first = MediaTools.run(List.of("ffprobe", "-v", "error", "-select_streams", "v",
                "-read_intervals", "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0",
                clip.file().path().toString()));
        assertEquals("1", first.stdout().trim().split(",")[0], "the clip's first frame is a keyframe");
        MediaTools.assertDecodesCleanly(clip.file().path());
    }
}
