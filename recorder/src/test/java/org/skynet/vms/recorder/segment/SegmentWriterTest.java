package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.TestClips;

/** Cutting rules of {@link SegmentWriter}, with scripted timestamps and no external tools. */
class SegmentWriterTest {
    static final Instant WALL0 = Instant.parse("2026-05-06T07:08:09Z");
    static final long PTS0 = 5_000_000;

    @TempDir
    Path dir;
    CollectingListener events;
    SegmentWriter writer;

    @BeforeEach
    void setUp() {
        events = new CollectingListener();
        writer = new SegmentWriter("cam-1", SegmentConfig.defaults(dir).withFsync(false), events);
    }

    @Test
    void fragmentsAreCutAtTheFirstKeyframeAfterOneSecond() {
        feed(TestClips.timed(Codec.H264, 1, PTS0, WALL0));
        assertEquals(1, events.fragments.size(), "second fragment waits for the next sample or close");
        assertEquals(30, events.fragments.get(0).frames(), "keyframes every 0.4 s: cut at 1.2 s");
        writer.close();
        assertEquals(2, events.fragments.size());
        SegmentFile f = events.closed.get(0);
        assertEquals(CloseReason.STOPPED, f.closeReason());
        assertEquals(50, f.frames());
        assertEquals(2, f.fragments());
        assertEquals(WALL0, f.startWall());
        assertEquals(WALL0.plusSeconds(2), f.endWall());
        assertEquals(f.sizeBytes(), size(f.path()));
        assertEquals(dir.resolve("cam-1/2026-05-06/cam-1_20260506T070809.000Z.mp4"), f.path());
        assertNull(writer.current());
    }

    @Test
    void filesRotateAtKeyframesAndContinueTheTimeline() {
        writer = new SegmentWriter("cam-1",
                SegmentConfig.defaults(dir).withFsync(false).withSegmentTarget(Duration.ofSeconds(3)), events);
        feed(TestClips.timed(Codec.H264, 4, PTS0, WALL0));
        writer.close();
        assertEquals(3, events.closed.size());
        assertEquals(List.of(80L, 80L, 40L), events.closed.stream().map(SegmentFile::frames).toList());
        assertEquals(CloseReason.ROTATED, events.closed.get(0).closeReason());
        assertEquals(WALL0.plusMillis(3200), events.closed.get(1).startWall());
        assertEquals(events.closed.get(0).endWall(), events.closed.get(1).startWall(), "no hole, no overlap");
        assertEquals(3, events.opened.size());
    }

    @Test
    void timestampJumpClosesTheFileAndTheNextStartsAtItsOwnWallTime() {
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        List<AccessUnit> script = new ArrayList<>(units.subList(0, 25));
        for (AccessUnit au : units.subList(25, 50)) { // 10 s of nothing, then the stream resumes
            script.add(au.withTiming(au.pts90k() + 900_000, au.wallClock().plusSeconds(10)));
        }
        feed(script);
        writer.close();
        assertEquals(2, events.closed.size());
        SegmentFile first = events.closed.get(0);
        assertEquals(CloseReason.TIMESTAMP_JUMP, first.closeReason());
        assertEquals(25, first.frames());
        assertEquals(25 * TestClips.FRAME_90K, first.mediaDuration90k(), "last duration from the previous frame");
        SegmentFile second = events.closed.get(1);
        assertEquals(WALL0.plusSeconds(10).plusMillis(30 * 40), second.startWall(), "starts at the next keyframe");
        assertEquals(20, second.frames());
        assertEquals(5, writer.skippedFrames());
    }

    @Test
    void timestampGoingBackwardsClosesTheFile() {
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        feed(units.subList(0, 20));
        feed(List.of(units.get(20).withTiming(PTS0, units.get(20).wallClock())));
        assertEquals(CloseReason.TIMESTAMP_JUMP, events.closed.get(0).closeReason());
        assertEquals(1, events.opened.size() - events.closed.size(), "the keyframe opened a new file");
    }

    @Test
    void wallClockJumpClosesTheFileWithoutTouchingMediaTime() {
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        List<AccessUnit> script = new ArrayList<>(units.subList(0, 20));
        for (AccessUnit au : units.subList(20, 50)) { // a sender report re-anchors wall time 3 s later
            script.add(au.withTiming(au.pts90k(), au.wallClock().plusSeconds(3)));
        }
        feed(script);
        writer.close();
        assertEquals(CloseReason.CLOCK_JUMP, events.closed.get(0).closeReason());
        assertEquals(20 * TestClips.FRAME_90K, events.closed.get(0).mediaDuration90k());
        assertEquals(WALL0.plusSeconds(3).plusMillis(800), events.closed.get(1).startWall());
    }

    @Test
    void parameterChangeStartsANewFile() {
        feed(TestClips.timed(Codec.H264, 1, PTS0, WALL0).subList(0, 20));
        AccessUnit next = TestClips.timed(Codec.H264, 1, PTS0, WALL0).get(20);
        VideoParameters p = next.parameters();
        byte[] otherPps = p.pps().get(0).clone();
        otherPps[otherPps.length - 1] ^= 0x01;
        VideoParameters changed = new VideoParameters(p.codec(), p.width(), p.height(), p.frameRateFps(),
                p.profileIdc(), p.levelIdc(), p.rfc6381Codec(), p.vps(), p.sps(), List.of(otherPps));
        writer.accept(new AccessUnit(Codec.H264, next.pts90k(), next.wallClock(), true, next.data(), changed, true,
                false), next.wallClock());
        assertEquals(CloseReason.PARAMETERS_CHANGED, events.closed.get(0).closeReason());
        assertEquals(2, events.opened.size());
    }

    @Test
    void codecChangeStartsANewFile() {
        feed(TestClips.timed(Codec.H264, 1, PTS0, WALL0));
        feed(TestClips.timed(Codec.H265, 1, PTS0 + 50 * TestClips.FRAME_90K, WALL0.plusSeconds(2)));
        writer.close();
        assertEquals(List.of(Codec.H264, Codec.H265), events.closed.stream().map(SegmentFile::codec).toList());
        assertEquals(CloseReason.PARAMETERS_CHANGED, events.closed.get(0).closeReason());
        assertEquals(WALL0.plusSeconds(2), events.closed.get(1).startWall());
    }

    @Test
    void stallClosesTheFileOnlyAfterTheTimeout() {
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        feed(units.subList(0, 10));
        Instant last = units.get(9).wallClock();
        writer.checkStall(last.plusSeconds(5));
        assertTrue(events.closed.isEmpty());
        writer.checkStall(last.plusSeconds(5).plusMillis(1));
        assertEquals(CloseReason.STALL, events.closed.get(0).closeReason());
        assertEquals(10, events.closed.get(0).frames());
    }

    @Test
    void waitsForAKeyframeBeforeOpeningAFile() {
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        feed(units.subList(1, 20));
        assertEquals(9, writer.skippedFrames());
        assertEquals(units.get(10).wallClock(), writer.current().startWall());
    }

    @Test
    void longGopIsCutAtTheMaximumFragmentDurationWithANonSyncStart() throws IOException {
        writer = new SegmentWriter("cam-1", SegmentConfig.defaults(dir).withFsync(false)
                .withFragmentTarget(Duration.ofSeconds(1), Duration.ofMillis(1500)), events);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, PTS0, WALL0);
        for (int i = 0; i < units.size(); i++) {
            AccessUnit au = units.get(i);
            writer.accept(new AccessUnit(au.codec(), au.pts90k(), au.wallClock(), i == 0, au.data(), au.parameters(),
                    i == 0, false), au.wallClock());
        }
        writer.close();
        SegmentFile f = events.closed.get(0);
        List<FragmentInfo> fragments = fragments(f.path());
        assertEquals(List.of(38, 12), fragments.stream().map(FragmentInfo::sampleCount).toList());
        assertTrue(fragments.get(0).firstSampleSync());
        assertFalse(fragments.get(1).firstSampleSync());
    }

    @Test
    void fragmentBytesStayUnderTheLimit() throws IOException {
        SegmentConfig d = SegmentConfig.defaults(dir);
        SegmentConfig small = new SegmentConfig(dir, d.fragmentTarget(), d.maxFragment(), 4096, d.segmentTarget(), false,
                d.maxFrameGap(), d.maxClockJump(), d.stallTimeout());
        writer = new SegmentWriter("cam-1", small, events);
        feed(TestClips.timed(Codec.H264, 1, PTS0, WALL0));
        writer.close();
        List<FragmentInfo> fragments = fragments(events.closed.get(0).path());
        assertTrue(fragments.size() > 5, "many small fragments: " + fragments.size());
        for (FragmentInfo f : fragments) {
            assertTrue(f.sampleBytes() <= 4096 || f.sampleCount() == 1, f.toString());
        }
        assertEquals(50, fragments.stream().mapToInt(FragmentInfo::sampleCount).sum());
    }

    @Test
    void wallClockFallsBackToArrivalTime() {
        AccessUnit first = TestClips.load(Codec.H264).get(0);
        assertNull(first.wallClock());
        writer.accept(first, WALL0);
        assertEquals(WALL0, writer.current().startWall());
    }

    private void feed(List<AccessUnit> units) {
        for (AccessUnit au : units) {
            writer.accept(au, au.wallClock());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fragments of a file, read with the production parser. */
    static List<FragmentInfo> fragments(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        List<FragmentInfo> out = new ArrayList<>();
        int pos = 0;
        while (pos < b.limit()) {
            int size = (int) Fmp4Parser.size(b, pos);
            if (Fmp4Parser.type(b, pos).equals("moof")) {
                out.add(Fmp4Parser.parseMoof(b.duplicate().position(pos).limit(pos + size)));
            }
            pos += size;
        }
        return out;
    }
}
