package org.skynet.vms.recorder.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.skynet.vms.errors.ErrorKind;

/**
 * The state machine and counters of one camera's ingest, in the manner of Kafka's
 * {@code ClusterConnectionStates}: every transition is one method named after its event, takes
 * {@code now}, and records a reason and since-when. Nothing else assigns the state.
 *
 * <pre>
 *  (new) ─► CONNECTING ─playing─► STREAMING ─failed/stalled (retriable)─► BACKING_OFF ─due─► CONNECTING
 *               │ failed (retriable) ───────────────────────────────────────►┘
 *               └ failed (fatal: AUTH_FAILED, UNSUPPORTED, ...) ─► FAILED          any ─stopped─► STOPPED
 * </pre>
 *
 * <p>Threading: transitions are synchronized (the supervisor's thread); {@link #frame} and
 * {@link #dropped} are lock-free and called on the event loop or any thread.
 */
public final class IngestStatus {
    private final String cameraId;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong droppedFrames = new AtomicLong();
    private volatile Instant lastFrameAt;

    private IngestState state;
    private String reason;
    private Instant since;
    private int failures;
    private long framesAtPlay;
    private long attempts;
    private Instant nextAttemptAt;
    private long lostBefore;
    private long lostThisConnection;
    private long gaps;
    private Instant lastGapAt;
    private String lastGapReason;

    /**
     * @param cameraId the camera
     * @param backoff  delays between attempts
     * @param random   uniform values in [0, 1) for the jitter
     * @param now      creation time; the first attempt is due at once
     */
    public IngestStatus(String cameraId, Backoff backoff, DoubleSupplier random, Instant now) {
        this.cameraId = cameraId;
        this.backoff = backoff;
        this.random = random;
        this.state = IngestState.BACKING_OFF;
        this.reason = "starting";
        this.since = now;
        this.nextAttemptAt = now;
    }

    /** A connection attempt starts. */
    public synchronized void connecting(Instant now) {
        if (attempts++ > 0) {
            lostBefore += lostThisConnection;
            lostThisConnection = 0;
        }
        move(IngestState.CONNECTING, null, now);
        nextAttemptAt = null;
    }

    /** PLAY succeeded; the stall clock starts now. The backoff resets once a frame arrives. */
    public synchronized void playing(Instant now) {
        framesAtPlay = frames.get();
        lastFrameAt = now;
        move(IngestState.STREAMING, null, now);
    }

    /**
     * An attempt or a stream failed. Retriable kinds ({@link ErrorKind#isRetriable()}) back off;
     * others end in {@code FAILED}.
     *
     * @return whether another attempt is scheduled
     */
    public synchronized boolean failed(ErrorKind kind, String message, Instant now) {
        if (state == IngestState.STOPPED) {
            return false;
        }
        if (state == IngestState.STREAMING) {
            gap(message, now);
            if (frames.get() > framesAtPlay) {
                failures = 0; // it did stream: a new incident, not another failed attempt
            }
        }
        if (!kind.isRetriable()) {
            move(IngestState.FAILED, kind + ": " + message, now);
            return false;
        }
        failures++;
        move(IngestState.BACKING_OFF, kind + ": " + message, now);
        nextAttemptAt = now.plus(backoff.delay(failures, random));
        return true;
    }

    /** Stopped on purpose; final. */
    public synchronized void stopped(Instant now) {
        move(IngestState.STOPPED, "stopped", now);
        nextAttemptAt = null;
    }

    /** One access unit arrived (event loop). */
    public void frame(int sizeBytes, Instant now) {
        frames.incrementAndGet();
        bytes.addAndGet(sizeBytes);
        lastFrameAt = now;
    }

    /** One access unit was dropped on our side (full hand-off). */
    public void dropped() {
        droppedFrames.incrementAndGet();
    }

    /** The depacketizer's count of lost frames on the current connection (from its stats). */
    public synchronized void connectionLosses(long lostFrames) {
        lostThisConnection = lostFrames;
    }

    /** A gap in the recording that is not a failure of the connection (overflow of the hand-off). */
    public synchronized void gap(String why, Instant now) {
        gaps++;
        lastGapAt = now;
        lastGapReason = why;
    }

    /** Whether a streaming session got no access unit for longer than {@code timeout} before {@code now}. */
    public boolean stalled(Instant now, Duration timeout) {
        Instant last = lastFrameAt;
        return state() == IngestState.STREAMING && last != null && last.plus(timeout).isBefore(now);
    }

    /** Whether a backing-off session's next attempt is due at {@code now}. */
    public synchronized boolean attemptDue(Instant now) {
        return state == IngestState.BACKING_OFF && !now.isBefore(nextAttemptAt);
    }

    public synchronized IngestState state() {
        return state;
    }

    /** The counters and state now. */
    public synchronized IngestSnapshot snapshot() {
        return new IngestSnapshot(cameraId, state, reason, since, frames.get(), bytes.get(),
                lostBefore + lostThisConnection + droppedFrames.get(), Math.max(0, attempts - 1), gaps, lastGapAt,
                lastGapReason, nextAttemptAt);
    }

    private void move(IngestState to, String why, Instant now) {
        state = to;
        reason = why;
        since = now;
    }
}
