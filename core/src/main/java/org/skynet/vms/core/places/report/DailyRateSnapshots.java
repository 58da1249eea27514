package org.skynet.vms.core.places.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one rate snapshot per UTC day and mode. Rather than timing midnight, it checks on start and then every
 * {@code every} whether today's snapshot is stored, and takes it if not: a server that was down at midnight, a
 * clock that jumped, or two core nodes checking at once still give exactly one snapshot a day (the first check of
 * the day wins). A day with no places stores nothing (a rate of nothing proves nothing); a later check that day
 * takes it once places exist.
 */
public final class DailyRateSnapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DailyRateSnapshots.class);

    private final RateSnapshots store;
    private final Function<CoverageMode, CoverageSnapshot> coverage;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /** @param coverage the current coverage in a mode (may compute it on first use) */
    public DailyRateSnapshots(RateSnapshots store, Function<CoverageMode, CoverageSnapshot> coverage, Clock clock) {
        this.store = store;
        this.coverage = coverage;
        this.clock = clock;
    }

    /**
     * Checks after {@code startDelay}, on a daemon thread, and then every {@code every}. The delay lets the health
     * monitor probe every camera once after a restart: before that no camera is ONLINE and the live rate is 0.
     */
    public synchronized void start(Duration startDelay, Duration every) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coverage-daily-snapshot");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                takeIfMissing();
            } catch (RuntimeException e) {
                log.warn("cannot take today's coverage rate snapshot (retrying): {}", e.toString());
            }
        }, startDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stores today's (UTC) snapshot in every mode that lacks one.
     *
     * @return how many modes were stored by this call
     */
    public int takeIfMissing() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int taken = 0;
        for (CoverageMode mode : CoverageMode.values()) {
            if (store.has(today, mode.wireName())) {
                continue;
            }
            CoverageSummary summary = coverage.apply(mode).summary();
            if (summary.total().placesTotal() > 0 && store.save(today, summary, now)) {
                taken++;
                log.info("coverage rate snapshot {} {}: {} of {} places covered", today, mode.wireName(),
                        summary.total().placesCovered(), summary.total().placesTotal());
            }
        }
        return taken;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
