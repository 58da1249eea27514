package org.skynet.vms.core.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * What is recorded in a time range: segments merged into continuous spans, and the gaps between.
 * Two segments belong to one span when the second starts at most {@link #MAX_JOIN} after the first
 * ends (a reconnect that lost almost nothing, rounding of wall times); a longer pause is a gap. Spans
 * and gaps are clipped to the range, so together they cover it exactly. Pure; thread-safe.
 */
public final class RecordingTimeline {
    /** The largest pause between segments that still counts as one span. */
    public static final Duration MAX_JOIN = Duration.ofSeconds(2);

    /** A half-open interval [start, end) of wall-clock time. */
    public record Interval(Instant start, Instant end) {
        public long durationMillis() {
            return Duration.between(start, end).toMillis();
        }
    }

    /**
     * @param spans recorded intervals, in order, clipped to the range
     * @param gaps  unrecorded intervals of the range, in order (including at its start and end)
     */
    public record Result(List<Interval> spans, List<Interval> gaps) {
    }

    private RecordingTimeline() {
    }

    /**
     * @param segments the segments overlapping {@code [from, to)}, ordered by start
     */
    public static Result of(List<SegmentRow> segments, Instant from, Instant to) {
        List<Interval> spans = new ArrayList<>();
        Instant spanStart = null;
        Instant spanEnd = null;
        for (SegmentRow s : segments) {
            Instant start = max(s.startWall(), from);
            Instant end = min(s.endWall(), to);
            if (!end.isAfter(start)) {
                continue;
            }
            if (spanStart != null && !start.isAfter(spanEnd.plus(MAX_JOIN))) {
                spanEnd = max(spanEnd, end);
            } else {
                if (spanStart != null) {
                    spans.add(new Interval(spanStart, spanEnd));
                }
                spanStart = start;
                spanEnd = end;
            }
        }
        if (spanStart != null) {
            spans.add(new Interval(spanStart, spanEnd));
        }
        List<Interval> gaps = new ArrayList<>();
        Instant cursor = from;
        for (Interval span : spans) {
            if (span.start().isAfter(cursor)) {
                gaps.add(new Interval(cursor, span.start()));
            }
            cursor = span.end();
        }
        if (to.isAfter(cursor)) {
            gaps.add(new Interval(cursor, to));
        }
        return new Result(List.copyOf(spans), List.copyOf(gaps));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
