package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;

/** {@link SegmentRecovery} on files cut at many offsets, as a crash would leave them. */
class SegmentRecoveryTest {
    static final Instant WALL0 = Instant.parse("2026-07-08T09:10:11.120Z");

    @TempDir
    Path dir;
    SegmentFile intact;
    byte[] bytes;
    /** File offsets where each fragment ends, and the frames and duration up to there. */
    long[] fragmentEnds;
    long[] framesAt;
    long[] durationAt;
    long initEnd;

    @BeforeEach
    void write() throws IOException {
        CollectingListener events = new CollectingListener();
        SegmentWriter w = new SegmentWriter("cam-r", SegmentConfig.defaults(dir).withFsync(false)
                .withFragmentTarget(Duration.ofMillis(400), Duration.ofSeconds(5)), events);
        for (AccessUnit au : TestClips.timed(Codec.H264, 1, 0, WALL0)) {
            w.accept(au, au.wallClock());
        }
        w.close();
        intact = events.closed.get(0);
        bytes = Files.readAllBytes(intact.path());
        initEnd = events.opened.get(0).sizeBytes();
        int n = events.fragments.size();
        fragmentEnds = new long[n];
        framesAt = new long[n];
        durationAt = new long[n];
        for (int i = 0; i < n; i++) {
            fragmentEnds[i] = events.fragments.get(i).sizeBytes();
            framesAt[i] = events.fragments.get(i).frames();
            durationAt[i] = events.fragments.get(i).mediaDuration90k();
        }
        assertEquals(5, n, "a fragment per 0.4 s GOP");
    }

    @Test
    void intactFileIsLeftAsIsAndDescribedLikeTheWriterDid() {
        SegmentRecovery.Result r = SegmentRecovery.recover(intact.path());
        assertEquals(0, r.truncatedBytes());
        SegmentFile f = r.file();
        assertEquals(intact.sha256(), f.sha256());
        assertEquals(intact.frames(), f.frames());
        assertEquals(intact.mediaDuration90k(), f.mediaDuration90k());
        assertEquals(intact.sizeBytes(), f.sizeBytes());
        assertEquals(intact.startWall(), f.startWall());
        assertEquals("cam-r", f.cameraId());
        assertEquals(Codec.H264, f.codec());
        assertEquals(TestClips.WIDTH, f.width());
        assertEquals(CloseReason.RECOVERED, f.closeReason());
    }

    @Test
    void fileCutAnywhereKeepsExactlyTheCompleteFragments() throws Exception {
        TreeSet<Long> cuts = new TreeSet<>();
        for (long b = 0; b < bytes.length; b += 211) {
            cuts.add(b);
        }
        for (long boundary : boundaries()) {
            for (long d = -9; d <= 9; d++) {
                if (boundary + d >= 0 && boundary + d <= bytes.length) {
                    cuts.add(boundary + d);
                }
            }
        }
        Path file = intact.path();
        for (long cut : cuts) {
            Files.write(file, Arrays.copyOf(bytes, (int) cut));
            SegmentRecovery.Result r = SegmentRecovery.recover(file);
            if (cut < initEnd) {
                assertFalse(r.usable(), "cut at " + cut + " inside the init segment");
                assertEquals(cut, Files.size(file), "unusable files are not touched");
                continue;
            }
            int complete = 0;
            while (complete < fragmentEnds.length && fragmentEnds[complete] <= cut) {
                complete++;
            }
            long end = complete == 0 ? initEnd : fragmentEnds[complete - 1];
            SegmentFile f = r.file();
            assertEquals(end, f.sizeBytes(), "size after cut at " + cut);
            assertEquals(end, Files.size(file));
            assertEquals(complete, f.fragments(), "fragments after cut at " + cut);
            assertEquals(complete == 0 ? 0 : framesAt[complete - 1], f.frames());
            assertEquals(complete == 0 ? 0 : durationAt[complete - 1], f.mediaDuration90k());
            assertEquals(sha256(Arrays.copyOf(bytes, (int) end)), f.sha256());
            assertArrayEquals(Arrays.copyOf(bytes, (int) end), Files.readAllBytes(file));
            assertEquals(0, SegmentRecovery.recover(file).truncatedBytes(), "idempotent");
        }
    }

    @Test
    void garbageAfterTheLastFragmentIsCutOff() throws IOException {
        byte[] withTail = Arrays.copyOf(bytes, bytes.length + 4096); // e.g. preallocated zeros
        Files.write(intact.path(), withTail);
        SegmentRecovery.Result r = SegmentRecovery.recover(intact.path());
        assertEquals(4096, r.truncatedBytes());
        assertEquals(intact.sha256(), r.file().sha256());
    }

    @Test
    void inconsistentFragmentEndsTheFile() throws IOException {
        byte[] broken = bytes.clone();
        int thirdMdat = (int) (fragmentEnds[1] + mdatOffsetAt(fragmentEnds[1]));
        broken[thirdMdat + 3] ^= 0x10; // mdat size no longer matches the trun's sample sizes
        Files.write(intact.path(), broken);
        SegmentFile f = SegmentRecovery.recover(intact.path()).file();
        assertEquals(2, f.fragments());
        assertEquals(fragmentEnds[1], f.sizeBytes());
        assertTrue(f.frames() > 0);
    }

    private TreeSet<Long> boundaries() {
        TreeSet<Long> out = new TreeSet<>();
        out.add(0L);
        out.add(28L); // end of ftyp
        out.add(initEnd);
        long start = initEnd;
        for (long end : fragmentEnds) {
            out.add(start + 8); // moof header
            out.add(start + mdatOffsetAt(start)); // moof end / mdat start
            out.add(start + mdatOffsetAt(start) + 8); // mdat header
            out.add(end);
            start = end;
        }
        return out;
    }

    /** The size of the moof at {@code moofStart}: where its mdat begins, relative to it. */
    private long mdatOffsetAt(long moofStart) {
        int p = (int) moofStart;
        return (bytes[p] & 0xFFL) << 24 | (bytes[p + 1] & 0xFFL) << 16 | (bytes[p + 2] & 0xFFL) << 8 | (bytes[p + 3] & 0xFFL);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
