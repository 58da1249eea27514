package org.skynet.vms.recorder.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;

/**
 * A ring buffer of one camera's last access units, for the pre-roll of event clips: it holds whole
 * GOPs (it always starts at a keyframe) and keeps just enough of them that the oldest keyframe is at
 * least {@code preRoll} before the newest unit, by arrival time on our clock. It never holds more than
 * {@code maxBytes} of sample data: past that, the oldest GOPs go first, and a single GOP larger than the
 * bound is dropped whole (the buffer then waits for the next keyframe).
 *
 * <p>Memory per stream: about bitrate × (preRoll + one GOP) of sample data, never more than
 * {@code maxBytes}, plus about 50 bytes per unit held; the sample arrays are the same ones the segment
 * writer holds, never copied (a 4 Mbit/s camera with 1 s GOPs and a 10 s pre-roll: about 5.5 MB).
 *
 * <p>Not thread-safe: its owner ({@link ClipAssembler}) serialises access.
 */
public final class PreRollBuffer {
    /** One buffered unit with the time it arrived. */
    public record Entry(AccessUnit unit, Instant arrival) {
    }

    private static final class Gop {
        final List<Entry> entries = new ArrayList<>();
        final Instant start;
        long bytes;

        Gop(Instant start) {
            this.start = start;
        }
    }

    private final Duration preRoll;
    private final long maxBytes;
    private final ArrayDeque<Gop> gops = new ArrayDeque<>();
    private long bytes;
    private int units;
    private long evictedForBytes;

    /**
     * @param preRoll  how far back the oldest keyframe must reach (positive)
     * @param maxBytes the most sample data held (positive)
     */
    public PreRollBuffer(Duration preRoll, long maxBytes) {
        if (preRoll == null || preRoll.isNegative() || preRoll.isZero()) {
            throw new IllegalArgumentException("preRoll must be positive: " + preRoll);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.preRoll = preRoll;
        this.maxBytes = maxBytes;
    }

    /** Adds the next unit; a unit before the first keyframe is not kept. */
    public void add(AccessUnit unit, Instant arrival) {
        if (unit.keyframe()) {
            gops.addLast(new Gop(arrival));
        } else if (gops.isEmpty()) {
            return;
        }
        Gop last = gops.getLast();
        last.entries.add(new Entry(unit, arrival));
        last.bytes += unit.sizeBytes();
        bytes += unit.sizeBytes();
        units++;
        Instant keepFrom = arrival.minus(preRoll);
        while (gops.size() > 1 && !second().start.isAfter(keepFrom)) {
            evictFirst();
        }
        while (bytes > maxBytes && !gops.isEmpty()) {
            evictFirst();
            evictedForBytes++;
        }
    }

    /**
     * The units from the buffered keyframe nearest to {@code start} (the earlier one on a tie) to the
     * newest, oldest first; empty when nothing is buffered.
     */
    public List<Entry> from(Instant start) {
        Gop best = null;
        for (Gop g : gops) {
            if (best == null || distance(g.start, start) < distance(best.start, start)) {
                best = g;
            }
        }
        return best == null ? List.of() : entriesFrom(best);
    }

    /** The units from the newest buffered keyframe on; empty when nothing is buffered. */
    public List<Entry> fromNewestKeyframe() {
        return gops.isEmpty() ? List.of() : entriesFrom(gops.getLast());
    }

    /** Forgets everything (the stream broke: what follows does not continue it). */
    public void clear() {
        gops.clear();
        bytes = 0;
        units = 0;
    }

    /** Sample bytes held. */
    public long sizeBytes() {
        return bytes;
    }

    /** Units held. */
    public int units() {
        return units;
    }

    /** Arrival time of the oldest unit held (a keyframe), or {@code null} when empty. */
    public Instant oldestArrival() {
        return gops.isEmpty() ? null : gops.getFirst().start;
    }

    /** GOPs dropped so far to stay within {@code maxBytes} (a sign the bound is too small for the stream). */
    public long evictedForBytes() {
        return evictedForBytes;
    }

    private List<Entry> entriesFrom(Gop first) {
        List<Entry> out = new ArrayList<>(units);
        boolean on = false;
        for (Gop g : gops) {
            on |= g == first;
            if (on) {
                out.addAll(g.entries);
            }
        }
        return out;
    }

    private Gop second() {
        Iterator<Gop> it = gops.iterator();
        it.next();
        return it.next();
    }

    private void evictFirst() {
        Gop g = gops.removeFirst();
        bytes -= g.bytes;
        units -= g.entries.size();
    }

    private static long distance(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toNanos());
    }
}
