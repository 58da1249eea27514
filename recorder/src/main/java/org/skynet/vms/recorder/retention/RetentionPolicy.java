package org.skynet.vms.recorder.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What retention keeps: each camera's segments for its maximum age ({@link #defaultMaxAge} unless the
 * camera has its own), and on each storage root at least {@link #quota} free. Pure and immutable.
 *
 * @param defaultMaxAge maximum age of a camera without its own (30 days by default)
 * @param quota         free space to keep on the storage root
 */
public record RetentionPolicy(Duration defaultMaxAge, StorageQuota quota) {
    /** Default maximum age of a segment: 30 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    public RetentionPolicy {
        Objects.requireNonNull(quota, "quota");
        if (defaultMaxAge.isNegative() || defaultMaxAge.isZero()) {
            throw new IllegalArgumentException("defaultMaxAge must be positive: " + defaultMaxAge);
        }
    }

    /**
     * Segments of {@code cameraId} that end before the returned instant are expired at {@code now}.
     *
     * @param maxAges cameras with their own maximum age
     */
    public Instant cutoff(String cameraId, Map<String, Duration> maxAges, Instant now) {
        return now.minus(maxAges.getOrDefault(cameraId, defaultMaxAge));
    }

    /** Bytes to delete so that the quota holds; 0 or less when it already does. */
    public long bytesToFree(DiskUsage usage) {
        return quota.requiredFreeBytes(usage.totalBytes()) - usage.usableBytes();
    }
}
