package org.skynet.vms.core.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.recorder.retention.RetentionSweeper;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one storage root healthy: runs its {@link RetentionSweeper} on a dedicated thread every
 * interval, and watches the segment writers' events. A write failure (a file closed
 * {@link CloseReason#WRITE_FAILED} or discarded: disk full) raises the root's STORAGE alarm and starts
 * a sweep at once; the next fragment written clears that condition (recording resumed). A sweep that
 * leaves the quota unmet raises the alarm too ("cannot keep up"); one that meets it clears it.
 * Thread-safe.
 */
public final class StorageMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageMonitor.class);
    private static final long MIB = 1 << 20;

    /** Where storage problems go, e.g. {@code AlarmService::storageProblem}. */
    @FunctionalInterface
    public interface StorageAlarm {
        /** {@code problem} present: raise (if not active); empty: clear (if active). */
        void storageProblem(String storageRoot, Optional<String> problem, Instant at);
    }

    private final RetentionSweeper sweeper;
    private final StorageAlarm alarm;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile String writeFailure;
    private volatile RetentionSweeper.Sweep lastSweep;

    public StorageMonitor(RetentionSweeper sweeper, StorageAlarm alarm, Clock clock) {
        this.sweeper = sweeper;
        this.alarm = alarm;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sweeps every {@code interval}, the first one after {@code interval} (start-up recovery runs first). */
    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::sweepLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sweeps now on the retention thread; completes with what it did. */
    public CompletableFuture<RetentionSweeper.Sweep> sweepNow() {
        return CompletableFuture.supplyAsync(this::sweep, executor);
    }

    /** A listener that forwards everything to {@code next} and watches for write failures. */
    public SegmentListener watch(SegmentListener next) {
        return new SegmentListener() {
            @Override
            public void opened(SegmentFile file) {
                next.opened(file);
            }

            @Override
            public void fragmentWritten(SegmentFile file) {
                next.fragmentWritten(file);
                if (writeFailure != null) {
                    writeFailure = null;
                    LOG.info("{}: recording under {} resumed", file.cameraId(), sweeper.storageRoot());
                    report();
                }
            }

            @Override
            public void closed(SegmentFile file) {
                next.closed(file);
                if (file.closeReason() == CloseReason.WRITE_FAILED) {
                    writeFailed(file);
                }
            }

            @Override
            public void discarded(SegmentFile file) {
                next.discarded(file);
                writeFailed(file);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void writeFailed(SegmentFile file) {
        writeFailure = "recording stopped: writing " + file.path().getFileName() + " of camera " + file.cameraId()
                + " failed with " + sweeper.storageRoot().toFile().getUsableSpace() / MIB + " MiB free (disk full?); "
                + "it resumes by itself when space returns";
        report();
        executor.execute(this::sweepLogged);
    }

    private RetentionSweeper.Sweep sweep() {
        lastSweep = sweeper.sweep(clock.instant());
        report();
        return lastSweep;
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("retention sweep of {} failed (retried at the next interval): {}", sweeper.storageRoot(),
                    e.toString());
        }
    }

    private synchronized void report() {
        String failure = writeFailure;
        RetentionSweeper.Sweep s = lastSweep;
        Optional<String> problem = failure != null ? Optional.of(failure)
                : s != null && !s.keepsUp() ? Optional.of("cannot keep up: " + s.usage().usableBytes() / MIB
                        + " MiB free after deleting all that retention may, " + s.shortfallBytes() / MIB
                        + " MiB short of the quota")
                : Optional.empty();
        alarm.storageProblem(sweeper.storageRoot().toString(), problem, clock.instant());
    }
}
