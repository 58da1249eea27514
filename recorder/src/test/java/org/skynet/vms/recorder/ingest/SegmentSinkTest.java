package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

class SegmentSinkTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path root;

    private final List<SegmentFile> closed = new ArrayList<>();
    private final ManualExecutor executor = new ManualExecutor();
    private final IngestStatus status = new IngestStatus("cam", Backoff.DEFAULT, () -> 0.5, T0);

    private SegmentSink sink(int capacity) {
        SegmentListener listener = new SegmentListener() {
            @Override
            public void closed(SegmentFile file) {
                closed.add(file);
            }
        };
        SegmentWriter writer = new SegmentWriter("cam", SegmentConfig.defaults(root).withFsync(false), listener);
        return new SegmentSink("cam", writer, executor, status, capacity);
    }

    @Test
    void acceptNeverWritesOnTheCallersThread() {
        SegmentSink sink = sink(100);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0);
        for (AccessUnit u : units) {
            sink.accept(u, u.wallClock());
        }
        assertEquals(units.size(), sink.queuedFrames());
        assertEquals(1, executor.pending(), "one drain task for the whole burst");
        CompletableFuture<Void> done = sink.close();
        executor.runAll();
        assertTrue(done.isDone());
        assertEquals(1, closed.size());
        assertEquals(units.size(), closed.get(0).frames());
        assertEquals(0, status.snapshot().lostFrames());
    }

    @Test
    void picturesBetweenKeyframesWaitForTheNextKeyframeOrAFullBatch() {
        SegmentSink sink = sink(250);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0); // keyframes every 10 units
        sink.accept(units.get(0), units.get(0).wallClock());
        executor.runAll();
        for (AccessUnit u : units.subList(1, 10)) {
            sink.accept(u, u.wallClock());
        }
        assertEquals(0, executor.pending(), "no writer wake-up for pictures between keyframes");
        sink.accept(units.get(10), units.get(10).wallClock());
        assertEquals(1, executor.pending(), "the keyframe hands the batch over");
        executor.runAll();

        SegmentSink small = sink(20); // batch of at most half the capacity
        for (AccessUnit u : units.subList(1, 10)) {
            small.accept(u, u.wallClock());
        }
        assertEquals(0, executor.pending());
        small.accept(units.get(11), units.get(11).wallClock());
        assertEquals(1, executor.pending(), "10 units waiting: half the capacity");
    }

    @Test
    void overflowClosesTheFileAndDropsUntilAKeyframeWithRoom() {
        SegmentSink sink = sink(5);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0); // keyframes at 0, 10, 20, 30, 40
        for (int i = 0; i < 11; i++) {
            sink.accept(units.get(i), units.get(i).wallClock());
        }
        executor.runAll();
        for (int i = 11; i < units.size(); i++) {
            sink.accept(units.get(i), units.get(i).wallClock());
            executor.runAll();
        }
        sink.close();
        executor.runAll();

        assertEquals(2, closed.size(), closed.toString());
        assertEquals(5, closed.get(0).frames(), "frames before the overflow");
        assertEquals(CloseReason.STOPPED, closed.get(0).closeReason());
        assertEquals(30, closed.get(1).frames(), "from the first keyframe after the overflow (frame 20)");
        IngestSnapshot s = status.snapshot();
        assertEquals(15, s.lostFrames(), "frames 5..19");
        assertEquals(1, s.gaps());
        assertTrue(s.lastGapReason().startsWith("writer behind"), s.lastGapReason());
    }

    @Test
    void endSegmentClosesAsStallWhenNothingArrivedForTheTimeout() {
        SegmentSink sink = sink(100);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0);
        for (AccessUnit u : units.subList(0, 20)) {
            sink.accept(u, u.wallClock());
        }
        Instant last = units.get(19).wallClock();
        sink.endSegment(last.plus(Duration.ofSeconds(6)));
        executor.runAll();
        assertEquals(1, closed.size());
        assertEquals(CloseReason.STALL, closed.get(0).closeReason());
        assertEquals(20, closed.get(0).frames());
    }
}
