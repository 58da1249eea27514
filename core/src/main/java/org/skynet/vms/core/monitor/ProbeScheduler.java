package org.skynet.vms.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides which cameras are due for a probe. Each camera is probed once per its interval; first
 * probes are spread evenly over one interval (by a hash of the id) and every later one comes up to a
 * small fraction of the interval early (never late: the interval is the longest a camera goes unprobed
 * while the monitor keeps up, which is what the detection time is promised on), so the load is flat
 * rather than a burst every minute. The next probe is due one interval after the last one started, not after
 * it was due: a monitor that fell behind (a cold start of the whole city, a pause) takes up its pace again
 * from where it is instead of running behind by the same lag for ever, which would add that lag to every
 * detection. At most {@code maxInFlight} probes
 * run at once; due cameras beyond that wait for the next {@link #due} call. A camera whose state is
 * awaiting confirmation is re-probed after {@code confirmDelay} instead of a whole interval, and ahead of
 * every regular probe: when the monitor falls behind its sweep, a failing camera is still decided (OFFLINE
 * and its alarm) within the confirm delays, not after the backlog.
 *
 * <p>Not thread-safe: one thread calls {@link #due}, {@link #completed}, {@link #add} and
 * {@link #remove} (the monitor's tick thread). {@code now} is always passed in.
 */
public final class ProbeScheduler {
    /**
     * With jitter, every re-probe is at least this fraction of the interval early: the tick and the queueing
     * before a probe starts then do not make a camera wait longer than its interval. With 160,000 cameras at a
     * 30 s interval on two cores that lag reached 0.4-0.5 s, more than the 1 % (0.3 s) this margin was before.
     */
    private static final double MARGIN = 0.02;
    private final int maxInFlight;
    private final double jitterFraction;
    private final long confirmDelayMillis;
    private final SplittableRandom random;
    private final DueQueue<Entry> queue = new DueQueue<>(e -> e.dueMillis);
    /** Confirming re-probes: served before {@link #queue} once due. */
    private final DueQueue<Entry> confirming = new DueQueue<>(e -> e.dueMillis);
    private final Map<String, Entry> byId = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    /**
     * @param maxInFlight    bound on probes running at once
     * @param jitterFraction each re-probe comes up to this fraction of the interval early (e.g. 0.05), beyond a
     *                       margin of 2 % (none when 0)
     * @param confirmDelay   delay of a confirming re-probe (see {@link #completed(String, Instant, boolean)})
     * @param seed           seed of the jitter (tests pass a constant)
     */
    public ProbeScheduler(int maxInFlight, double jitterFraction, Duration confirmDelay, long seed) {
        if (maxInFlight < 1 || jitterFraction < 0 || jitterFraction >= 0.5) {
            throw new IllegalArgumentException("maxInFlight >= 1 and 0 <= jitterFraction < 0.5");
        }
        this.maxInFlight = maxInFlight;
        this.jitterFraction = jitterFraction;
        this.confirmDelayMillis = confirmDelay.toMillis();
        this.random = new SplittableRandom(seed);
    }

    /** Adds or replaces a camera; its first probe falls at a stable offset within one interval from now. */
    public void add(ProbeTarget target, Instant now) {
        long intervalMillis = target.interval().toMillis();
        add(target, now.toEpochMilli() + Math.floorMod(target.cameraId().hashCode() * 0x9E3779B97F4A7C15L, intervalMillis));
    }

    /** Adds or replaces a camera that was just registered or changed: its first probe is due now. */
    public void addDueNow(ProbeTarget target, Instant now) {
        add(target, now.toEpochMilli());
    }

    private void add(ProbeTarget target, long firstDueMillis) {
        remove(target.cameraId());
        Entry e = new Entry(target, firstDueMillis);
        byId.put(target.cameraId(), e);
        if (!inFlight.contains(target.cameraId())) {
            queue.add(e); // else completed() queues it, when the probe of the old target ends
        }
    }

    /** Stops probing a camera; a probe already in flight still completes. */
    public void remove(String cameraId) {
        Entry e = byId.remove(cameraId);
        if (e != null && !queue.remove(e)) {
            confirming.remove(e);
        }
    }

    /**
     * The cameras to probe now, up to the in-flight bound; each is marked in flight until
     * {@link #completed} is called for it.
     */
    public List<DueProbe> due(Instant now) {
        long nowMillis = now.toEpochMilli();
        List<DueProbe> out = new ArrayList<>();
        take(confirming, nowMillis, out);
        take(queue, nowMillis, out);
        return out;
    }

    private void take(DueQueue<Entry> from, long nowMillis, List<DueProbe> out) {
        Entry e;
        while (inFlight.size() < maxInFlight && (e = from.poll(nowMillis)) != null) {
            e.fresh = false;
            e.startedMillis = nowMillis;
            inFlight.add(e.target.cameraId());
            out.add(new DueProbe(e.target, e.okInARow));
        }
    }

    /**
     * A probe finished: the camera is due again one interval (less the jitter) after the probe started, or
     * {@code confirmDelay} from now when {@code confirm} is set (its state awaits confirmation); {@code ok}: the
     * probe found the camera OK (counted for the next {@link DueProbe#okInARow}).
     */
    public void completed(String cameraId, Instant now, boolean confirm, boolean ok) {
        if (!inFlight.remove(cameraId)) {
            return;
        }
        Entry e = byId.get(cameraId);
        if (e == null) {
            return;
        }
        if (e.fresh) {
            queue.add(e); // replaced while its probe was in flight: first probe of the new target as planned
            return;
        }
        e.okInARow = ok ? e.okInARow + 1 : 0;
        if (confirm) {
            e.dueMillis = now.toEpochMilli() + confirmDelayMillis;
            confirming.add(e);
            return;
        }
        long interval = e.target.interval().toMillis();
        long early = jitterFraction == 0 ? 0 : (long) ((MARGIN + random.nextDouble() * jitterFraction) * interval);
        e.dueMillis = Math.max(e.startedMillis + interval - early, now.toEpochMilli());
        queue.add(e);
    }

    public int inFlight() {
        return inFlight.size();
    }

    public int size() {
        return byId.size();
    }

    private static final class Entry {
        final ProbeTarget target;
        long dueMillis;
        /** When its last probe was taken: the next is due one interval after that, not after when it was due. */
        long startedMillis;
        boolean fresh = true;
        /** Probes in a row that were OK; 0 for a new target. */
        int okInARow;

        Entry(ProbeTarget target, long dueMillis) {
            this.target = target;
            this.dueMillis = dueMillis;
        }
    }
}
