package org.skynet.vms.core.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows to the database in batches, off the caller's thread: {@link #add} only queues (never
 * blocks, never fails), and one writer thread drains the queue every {@code interval} into one
 * transaction through a {@link Sink} that uses JDBC batches. So 160,000 cameras cost a few statements
 * per second, not one per event.
 *
 * <p>When the database is away, the drained rows are kept, in order, and written with the next batch
 * once a connection works again: nothing is lost while the process lives (memory grows with the
 * backlog; the state rows coalesce per camera in the sink). Failures are logged once per outage.
 *
 * @param <T> the row type (an immutable snapshot)
 */
public final class WriteBehind<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    /** Writes one batch on the given connection, inside a transaction the writer commits. */
    @FunctionalInterface
    public interface Sink<T> {
        void write(Connection c, List<T> rows) throws SQLException;
    }

    private final String name;
    private final DataSource dataSource;
    private final Sink<T> sink;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ScheduledExecutorService thread;
    private List<T> backlog = new ArrayList<>();
    private volatile boolean failing;
    private volatile long written;
    private volatile long batches;

    public WriteBehind(String name, DataSource dataSource, Sink<T> sink, Duration interval) {
        this.name = name;
        this.dataSource = dataSource;
        this.sink = sink;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "write-behind-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a row; any thread, never blocks. */
    public void add(T row) {
        queue.add(row);
        queued.incrementAndGet();
    }

    /** Rows queued or kept from a failed batch, not yet in the database. */
    public int pending() {
        return queued.get();
    }

    /** Rows written since start. */
    public long written() {
        return written;
    }

    /** Batches (transactions) committed since start. */
    public long batches() {
        return batches;
    }

    /** Whether the last batch failed (the database is away). */
    public boolean failing() {
        return failing;
    }

    private synchronized void flush() {
        for (T row; (row = queue.poll()) != null; ) {
            backlog.add(row);
        }
        if (backlog.isEmpty()) {
            return;
        }
        List<T> batch = backlog;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                sink.write(c, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            backlog = new ArrayList<>();
            queued.addAndGet(-batch.size());
            written += batch.size();
            batches++;
            if (failing) {
                log.info("{}: database is back; wrote {} rows kept during the outage", name, batch.size());
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                log.warn("{}: cannot write {} rows, keeping them and retrying: {}", name, batch.size(), e.toString());
                failing = true;
            }
        }
    }

    /** Writes what is queued (one last try) and stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        if (queued.get() > 0) {
            log.warn("{}: {} rows not written at shutdown (database away)", name, queued.get());
        }
    }
}
