package org.skynet.vms.recorder.ingest;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.recorder.segment.SegmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-off from the event loop to a {@link SegmentWriter} that runs on a writer executor
 * (file I/O and fsync never touch the event loop). At most {@code capacityFrames} units wait; when the
 * disk falls behind further, units are dropped (counted in {@link IngestStatus}) until the next
 * keyframe, and the open file is closed first, so no file ever holds a picture whose references were
 * dropped. Control commands (end of segment, close) are never dropped and run in order with the units.
 *
 * <p>The writer is driven by at most one executor thread at a time, so many cameras share a small
 * pool. Units are handed over in batches: a drain task is scheduled at a keyframe (where a fragment
 * may be cut), once {@value #DRAIN_BATCH_FRAMES} units (at most half the capacity) wait, and for every
 * control command, not for each unit; the writer has nothing to write between keyframes anyway, and
 * one wake-up of a writer thread per GOP instead of per picture is most of what the hand-off costs.
 */
public final class SegmentSink implements IngestConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentSink.class);
    /** Units that may wait for the next keyframe before a drain is scheduled anyway (2 s at 25 fps). */
    static final int DRAIN_BATCH_FRAMES = 50;

    private record Unit(AccessUnit unit, Instant arrival) {
    }

    private final String cameraId;
    private final SegmentWriter writer;
    private final Executor executor;
    private final IngestStatus status;
    private final int capacityFrames;
    private final int drainBatchFrames;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Event loop only: dropping until the next keyframe after an overflow. */
    private boolean dropping;

    /**
     * @param writer         the camera's writer; used only on {@code executor}
     * @param executor       runs the writes (a pool shared by cameras)
     * @param status         counts drops and gaps
     * @param capacityFrames units that may wait (about 10 s of video is a fair choice)
     */
    public SegmentSink(String cameraId, SegmentWriter writer, Executor executor, IngestStatus status,
            int capacityFrames) {
        if (capacityFrames < 1) {
            throw new IllegalArgumentException("capacityFrames must be positive: " + capacityFrames);
        }
        this.cameraId = cameraId;
        this.writer = writer;
        this.executor = executor;
        this.status = status;
        this.capacityFrames = capacityFrames;
        this.drainBatchFrames = Math.max(1, Math.min(DRAIN_BATCH_FRAMES, capacityFrames / 2));
    }

    /** Event loop only; never blocks. */
    @Override
    public void accept(AccessUnit unit, Instant arrival) {
        if (dropping && !unit.keyframe()) {
            status.dropped();
            return;
        }
        if (queuedFrames.get() >= capacityFrames) {
            if (!dropping) {
                dropping = true;
                status.gap("writer behind: " + capacityFrames + " frames waiting", arrival);
                submit((Runnable) writer::close);
            }
            status.dropped();
            return;
        }
        dropping = false;
        int queued = queuedFrames.incrementAndGet();
        queue.add(new Unit(unit, arrival));
        if (unit.keyframe() || queued >= drainBatchFrames) {
            scheduleDrain();
        }
    }

    /**
     * Ends the open file because the stream broke: as a stall if nothing arrived for the stall timeout
     * before {@code now}, else as stopped. The next keyframe opens a new file.
     */
    public void endSegment(Instant now) {
        submit((Runnable) () -> {
            writer.checkStall(now);
            writer.close();
        });
    }

    /** {@link #endSegment}. */
    @Override
    public void streamEnded(Instant now) {
        endSegment(now);
    }

    /** Closes the open file after everything queued; completes on the writer executor. */
    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit((Runnable) () -> {
            try {
                writer.close();
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    /** Units waiting for the writer. */
    public int queuedFrames() {
        return queuedFrames.get();
    }

    private void submit(Object item) {
        queue.add(item);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Object item;
            while ((item = queue.poll()) != null) {
                run(item);
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void run(Object item) {
        try {
            if (item instanceof Unit u) {
                queuedFrames.decrementAndGet();
                writer.accept(u.unit(), u.arrival());
            } else {
                ((Runnable) item).run();
            }
        } catch (RuntimeException e) {
            // SegmentWriter has closed the broken file and starts a new one at the next keyframe.
            LOG.warn("{}: segment write failed: {}", cameraId, e.toString());
        }
    }
}
