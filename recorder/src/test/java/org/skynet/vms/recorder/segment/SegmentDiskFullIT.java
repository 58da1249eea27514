package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.MediaTools;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * Disk full for real (issue 5, "Disk full"): a writer records onto a small tmpfs until a write fails
 * with no space; the file is cut back to its last complete fragment and plays cleanly; while the disk
 * is full no file is left behind; once space returns, recording resumes by itself in a new file.
 */
class SegmentDiskFullIT {
    private static final Instant WALL0 = Instant.parse("2026-05-06T07:08:09Z");
    private static final long PTS0 = 5_000_000;

    @TempDir
    Path tmp;

    @Test
    void writeFailsCleanlyAndRecordingResumesWhenSpaceReturns() throws Exception {
        MediaTools.assumeAvailable();
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("full"), 1 << 20)) {
            Path filler = fs.fillLeaving(60_000);
            CollectingListener events = new CollectingListener();
            SegmentWriter writer = new SegmentWriter("cam-1", SegmentConfig.defaults(fs.root()).withFsync(true), events);
            List<AccessUnit> units = TestClips.timed(Codec.H264, 30, PTS0, WALL0); // 60 s of 25 fps

            int i = 0;
            int failures = 0;
            for (; i < units.size() && events.closed.isEmpty(); i++) {
                failures += feed(writer, units.get(i));
            }
            assertEquals(1, failures, "the first failed write ends the file");
            SegmentFile cut = events.closed.get(0);
            assertEquals(CloseReason.WRITE_FAILED, cut.closeReason());
            assertTrue(cut.fragments() > 0, "complete fragments before the failure stay: " + cut);
            assertEquals(Files.size(cut.path()), cut.sizeBytes(), "the partial fragment was cut off");
            assertEquals(sha256(cut.path()), cut.sha256());
            assertPlays(cut);

            Instant failedAt = units.get(i - 1).wallClock();
            for (; i < units.size() && units.get(i).wallClock().isBefore(failedAt.plusSeconds(10)); i++) {
                failures += feed(writer, units.get(i));
            }
            assertTrue(failures >= 2, "creating a file on the full disk keeps failing: " + failures);
            assertEquals(List.of(cut.path()), segmentFiles(fs.root()), "no half-made files pile up on a full disk");
            assertEquals(1, events.closed.size(), "files that got no fragment were discarded, not closed");
            assertTrue(events.discarded.stream().allMatch(d -> d.fragments() == 0 && !Files.exists(d.path())));

            Files.delete(filler);
            Instant spaceBack = units.get(i).wallClock();
            for (; i < units.size(); i++) {
                assertEquals(0, feed(writer, units.get(i)));
            }
            writer.close();

            assertEquals(2, events.closed.size(), "one file cut by the failure, one after resuming");
            SegmentFile resumed = events.closed.get(1);
            assertEquals(CloseReason.STOPPED, resumed.closeReason());
            assertFalse(resumed.startWall().isBefore(spaceBack), "resumed only after space returned");
            assertTrue(Duration.between(spaceBack, resumed.startWall()).compareTo(SegmentWriter.WRITE_RETRY) <= 0,
                    "resumed within the retry delay: " + resumed.startWall());
            assertEquals(sha256(resumed.path()), resumed.sha256());
            assertPlays(resumed);
        }
    }

    /** Feeds one unit as the ingest does (a write failure is reported, not fatal); 1 if it failed. */
    private static int feed(SegmentWriter writer, AccessUnit au) {
        try {
            writer.accept(au, au.wallClock());
            return 0;
        } catch (SegmentException e) {
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            return 1;
        }
    }

    private static void assertPlays(SegmentFile f) {
        var probe = MediaTools.probe(f.path());
        assertEquals(String.valueOf(f.frames()), probe.get("nb_read_frames"), f.toString());
        MediaTools.assertDecodesCleanly(f.path());
    }

    private static List<Path> segmentFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
