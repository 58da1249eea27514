package org.skynet.vms.recorder.catalogue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns segment writer callbacks into catalogue rows, written in batches on one dedicated thread so
 * the writers never wait for the database. Rows wait in memory, one per file (a newer state of the
 * same file replaces the waiting one), and are removed only once stored: during a database outage
 * they stay, and the next successful batch (retried with backoff) writes them. Should the process
 * stop while the store is still down, {@link CatalogueRecovery} rebuilds the missing rows from the
 * files at the next start, so nothing is lost.
 *
 * <p>Memory: one row (~300 bytes) per file changed since the last successful batch: open files plus
 * about one closed file per camera per minute of outage.
 */
public final class CatalogueWriter implements SegmentListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueWriter.class);
    /** Rows per batch, at most. */
    public static final int BATCH_ROWS = 500;
    private static final Backoff RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);

    private final SegmentCatalogue catalogue;
    private final Path storageRoot;
    private final Duration flushInterval;
    private final ScheduledExecutorService executor;
    private final Map<String, SegmentRow> pending = new LinkedHashMap<>();
    private volatile int failures;
    private long nextAttemptNanos;
    private boolean flushScheduled;

    /**
     * @param catalogue     where rows go
     * @param storageRoot   the root the writers store files under
     * @param flushInterval how long a row may wait when all is well (e.g. 1 s)
     */
    public CatalogueWriter(SegmentCatalogue catalogue, Path storageRoot, Duration flushInterval) {
        this.catalogue = catalogue;
        this.storageRoot = SegmentRow.normalize(storageRoot);
        this.flushInterval = flushInterval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-catalogue-writer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flushDue, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void opened(SegmentFile file) {
        add(file);
    }

    @Override
    public void fragmentWritten(SegmentFile file) {
        add(file);
    }

    @Override
    public void closed(SegmentFile file) {
        add(file);
    }

    /**
     * Forgets the file: its waiting row is dropped, and a stored row removed on the writer thread, after
     * any batch already under way (so that batch cannot bring the row back). Should the removal fail,
     * {@link CatalogueRecovery} removes the open row of the missing file at the next start.
     */
    @Override
    public void discarded(SegmentFile file) {
        SegmentRow row = SegmentRow.of(storageRoot, file);
        synchronized (this) {
            pending.remove(row.path());
        }
        executor.execute(() -> {
            try {
                catalogue.remove(row.storageRoot(), row.path());
            } catch (RuntimeException e) {
                LOG.warn("cannot remove the row of discarded segment {} (removed at the next start): {}", row.path(),
                        e.toString());
            }
        });
    }

    /** Rows waiting to be stored. */
    public synchronized int pendingRows() {
        return pending.size();
    }

    /**
     * Writes everything waiting now, ignoring the retry delay.
     *
     * @return completes with whether nothing is left waiting
     */
    public CompletableFuture<Boolean> flush() {
        return CompletableFuture.supplyAsync(() -> {
            writeAll();
            return pendingRows() == 0;
        }, executor);
    }

    /** A last flush (waiting up to 10 s), then stops the thread; rows still waiting are logged. */
    @Override
    public void close() {
        try {
            flush().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("final catalogue flush failed: {}", e.toString());
        }
        executor.shutdownNow();
        int left = pendingRows();
        if (left > 0) {
            LOG.warn("{} catalogue rows not stored; they are rebuilt from the files at the next start", left);
        }
    }

    private void add(SegmentFile file) {
        SegmentRow row = SegmentRow.of(storageRoot, file);
        boolean full;
        synchronized (this) {
            pending.put(row.path(), row);
            full = pending.size() >= BATCH_ROWS && !flushScheduled && failures == 0;
            flushScheduled |= full;
        }
        if (full) {
            executor.execute(this::flushDue);
        }
    }

    private void flushDue() {
        synchronized (this) {
            flushScheduled = false;
        }
        if (failures == 0 || System.nanoTime() - nextAttemptNanos >= 0) {
            writeAll();
        }
    }

    /** Executor thread only. */
    private void writeAll() {
        while (true) {
            List<SegmentRow> batch;
            synchronized (this) {
                batch = new ArrayList<>(Math.min(BATCH_ROWS, pending.size()));
                for (SegmentRow r : pending.values()) {
                    if (batch.size() == BATCH_ROWS) {
                        break;
                    }
                    batch.add(r);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                catalogue.upsert(batch);
            } catch (RuntimeException e) {
                failures++;
                Duration wait = RETRY.delay(failures, () -> ThreadLocalRandom.current().nextDouble());
                nextAttemptNanos = System.nanoTime() + wait.toNanos();
                LOG.warn("catalogue write of {} rows failed ({} waiting, attempt {}), retrying in {} ms: {}",
                        batch.size(), pendingRows(), failures, wait.toMillis(), e.getMessage());
                return;
            }
            if (failures > 0) {
                LOG.info("catalogue writes work again after {} failed attempts", failures);
                failures = 0;
            }
            synchronized (this) {
                for (SegmentRow r : batch) {
                    pending.remove(r.path(), r); // a newer state of the file stays for the next batch
                }
            }
        }
    }
}
