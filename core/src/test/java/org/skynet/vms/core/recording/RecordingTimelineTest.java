package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.recording.RecordingTimeline.Interval;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;

class RecordingTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    /** A segment from {@code startS} to {@code endS} seconds after T0 (milliseconds allowed as fractions). */
    static SegmentRow seg(double startS, double endS) {
        Instant start = T0.plusMillis(Math.round(startS * 1000));
        Instant end = T0.plusMillis(Math.round(endS * 1000));
        return new SegmentRow("cam", "/r", "cam/" + startS + ".mp4", start, end,
                (long) ((endS - startS) * 90_000), 25, 1000, null, SegmentState.CLOSED, "ROTATED");
    }

    private static Interval iv(double startS, double endS) {
        return new Interval(T0.plusMillis(Math.round(startS * 1000)), T0.plusMillis(Math.round(endS * 1000)));
    }

    @Test
    void adjacentSegmentsMergeAndLongerPausesAreGaps() {
        List<SegmentRow> rows = List.of(seg(10, 70), seg(70.04, 130), seg(132, 190), seg(192.5, 250), seg(300, 310));
        RecordingTimeline.Result r = RecordingTimeline.of(rows, T0, T0.plusSeconds(400));
        assertEquals(List.of(iv(10, 190), iv(192.5, 250), iv(300, 310)), r.spans(),
                "2 s joins, 2.5 s does not");
        assertEquals(List.of(iv(0, 10), iv(190, 192.5), iv(250, 300), iv(310, 400)), r.gaps());
    }

    @Test
    void spansAreClippedToTheRange() {
        RecordingTimeline.Result r = RecordingTimeline.of(List.of(seg(-30, 30), seg(30, 90)), T0.plusSeconds(5),
                T0.plusSeconds(60));
        assertEquals(List.of(iv(5, 60)), r.spans());
        assertEquals(List.of(), r.gaps());
    }

    @Test
    void nothingRecordedIsOneGap() {
        RecordingTimeline.Result r = RecordingTimeline.of(List.of(), T0, T0.plusSeconds(60));
        assertEquals(List.of(), r.spans());
        assertEquals(List.of(iv(0, 60)), r.gaps());
    }

    @Test
    void overlappingSegmentsDoNotShrinkASpan() {
        RecordingTimeline.Result r = RecordingTimeline.of(List.of(seg(0, 100), seg(20, 40), seg(101, 120)), T0,
                T0.plusSeconds(120));
        assertEquals(List.of(iv(0, 120)), r.spans());
        assertEquals(List.of(), r.gaps());
    }
}
