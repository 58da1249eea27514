package org.skynet.vms.core.ha;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.DbSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as the active core: it holds the leader lock, and a {@link LeaderWatch} makes it step
 * down ({@link ProcessStepDown}) the moment it cannot confirm that. {@link #await} is how a
 * {@code serve} with {@code ha.enabled} gets here: try the lock; while another process holds it, serve
 * as a standby ({@link StandbyServer}) and try again every {@link HaSettings#retry()}.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final LeaderLock lock;
    private final LeaderWatch watch;
    private final VmsConfig config;

    private Leadership(LeaderLock lock, LeaderWatch watch, VmsConfig config) {
        this.lock = lock;
        this.watch = watch;
        this.config = config;
    }

    /**
     * Blocks until this process holds the leader lock; returns with the watch running. A standby's
     * HTTP server is closed again before this returns, and its port is in {@link #config()}.
     *
     * @param out where the standby's "listening" line goes (stdout for an operator)
     */
    public static Leadership await(VmsConfig config, DbSettings db, HaSettings ha, Clock clock, PrintStream out)
            throws InterruptedException {
        LeaderLock lock = null;
        StandbyServer standby = null;
        String lastProblem = "";
        try {
            while (true) {
                String problem = null;
                try {
                    if (lock == null) {
                        lock = LeaderLock.connect(db, ha);
                    }
                    if (lock.tryAcquire()) {
                        break;
                    }
                } catch (SQLException e) {
                    problem = "cannot reach PostgreSQL for the leader lock: " + e.getMessage();
                    closeQuietly(lock);
                    lock = null;
                }
                if (standby == null) {
                    standby = StandbyServer.start(config, clock);
                    out.println("vms serve: listening on " + (standby.tls() ? "https" : "http") + "://127.0.0.1:"
                            + standby.port() + "/ as the standby; another process holds the leader lock"
                            + " (the API answers 503 STANDBY until this one takes over)");
                }
                standby.health().attempted(clock.instant(), problem);
                if (!Objects.equals(problem, lastProblem)) {
                    if (problem == null) {
                        log.info("standby: another process holds the leader lock; trying every {} ms", ha.retry().toMillis());
                    } else {
                        log.warn("standby: {}; trying again every {} ms", problem, ha.retry().toMillis());
                    }
                    lastProblem = problem;
                }
                Thread.sleep(ha.retry().toMillis());
            }
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(lock);
            if (standby != null) {
                standby.close();
            }
            throw e;
        }
        VmsConfig active = config;
        if (standby != null) {
            active = config.with("port", Integer.toString(standby.port()));
            standby.close();
            log.info("took over the leader lock (PostgreSQL backend {}): starting as the active core", lock.backendPid());
        } else {
            log.info("holding the leader lock (PostgreSQL backend {}): starting as the active core", lock.backendPid());
        }
        LeaderWatch watch = LeaderWatch.start(lock::stillHeld, ha.check(), ha.stepDown(), new ProcessStepDown(ha.exitGrace()));
        return new Leadership(lock, watch, active);
    }

    /** The configuration to start the server with: the standby's port where it already had one. */
    public VmsConfig config() {
        return config;
    }

    /**
     * Stops watching and releases the lock: for a server that failed to start. A running server never
     * calls this; its lock goes with the process, after the shutdown hooks have closed the server.
     */
    @Override
    public void close() {
        watch.close();
        closeQuietly(lock);
    }

    private static void closeQuietly(LeaderLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (SQLException e) {
            log.debug("closing the leader lock session failed (it is gone either way): {}", e.toString());
        }
    }
}
