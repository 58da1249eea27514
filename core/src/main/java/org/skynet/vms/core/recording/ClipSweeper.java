package org.skynet.vms.core.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clip retention by age: deletes unlocked, closed clips that ended longer ago than their camera's
 * maximum age, oldest first; never a locked one. The row goes first, with a statement that checks the
 * lock ({@link ClipStore#deleteUnlocked}), and only then the file: a lock taken after the candidates
 * were read keeps both. A file that cannot be deleted is logged and left (its row is gone, so it is
 * not tried again). Runs on its own thread once {@link #start}ed; {@link #sweep} is for one thread at a
 * time.
 */
public final class ClipSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClipSweeper.class);
    private static final int BATCH = 500;

    private final ClipStore store;
    private final Function<String, Duration> maxAgeOf;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vms-clip-retention");
        t.setDaemon(true);
        return t;
    });

    /** @param maxAgeOf a camera's maximum clip age (the global default, or the camera's retention) */
    public ClipSweeper(ClipStore store, Function<String, Duration> maxAgeOf) {
        this.store = store;
        this.maxAgeOf = maxAgeOf;
    }

    /** Sweeps every {@code interval}, the first time one interval from now. */
    public ClipSweeper start(Duration interval, Clock clock) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                int n = sweep(clock.instant());
                if (n > 0) {
                    LOG.info("clip retention deleted {} expired clips", n);
                }
            } catch (RuntimeException e) {
                LOG.warn("clip retention pass failed; next in {}: {}", interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One pass at {@code now}; returns how many clips were deleted. */
    public int sweep(Instant now) {
        int deleted = 0;
        for (String camera : store.camerasWithUnlockedClips()) {
            Instant cutoff = now.minus(maxAgeOf.apply(camera));
            List<ClipRow> expired;
            do {
                expired = store.unlockedEndedBefore(camera, cutoff, BATCH);
                for (ClipRow clip : expired) {
                    if (store.deleteUnlocked(clip.id())) {
                        deleteFile(clip);
                        deleted++;
                    }
                }
            } while (expired.size() == BATCH);
        }
        return deleted;
    }

    private static void deleteFile(ClipRow clip) {
        try {
            Files.deleteIfExists(clip.file());
        } catch (IOException e) {
            LOG.warn("{}: clip {} expired, but its file {} could not be deleted: {}", clip.cameraId(), clip.id(),
                    clip.file(), e.toString());
        }
    }
}
