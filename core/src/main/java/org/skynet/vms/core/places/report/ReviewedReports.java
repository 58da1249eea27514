package org.skynet.vms.core.places.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reports recently shown to supervisors, by the SHA-256 of their CSV, so that a sign-off can sign exactly the
 * figures that were reviewed rather than whatever coverage is at the moment of the click. Holds the
 * {@code capacity} most recently shown reports, each for at most {@code maxAge}. Thread-safe.
 */
public final class ReviewedReports {
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Shown> bySha;

    private record Shown(CoverageReport report, Instant at) {
    }

    public ReviewedReports(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
        this.bySha = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
                return size() > ReviewedReports.this.capacity;
            }
        };
    }

    /** Remembers a report as shown now; returns the SHA-256 of its CSV. */
    public synchronized String shown(CoverageReport report) {
        String sha = ReportCsv.sha256(report);
        bySha.put(sha, new Shown(report, clock.instant()));
        return sha;
    }

    /** The report shown with this CSV SHA-256, unless it is unknown, evicted or older than {@code maxAge}. */
    public synchronized Optional<CoverageReport> find(String csvSha256) {
        Shown s = bySha.get(csvSha256);
        if (s == null || s.at().plus(maxAge).isBefore(clock.instant())) {
            bySha.remove(csvSha256);
            return Optional.empty();
        }
        return Optional.of(s.report());
    }
}
