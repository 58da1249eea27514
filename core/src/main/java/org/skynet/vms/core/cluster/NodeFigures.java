package org.skynet.vms.core.cluster;

/**
 * What a node declares at each heartbeat (columns of {@code recorder_nodes}). The number of cameras it
 * holds is added by the {@link LeaseKeeper}.
 *
 * @param url           the node's internal HTTP base, or {@code null}
 * @param capacity      cameras it can record (at least 0)
 * @param ingestBps     bits per second it ingests now
 * @param cpuPercent    its CPU use, or {@code null} when unknown
 * @param diskUsedBytes bytes used on its storage, or {@code null}
 * @param diskFreeBytes bytes free on its storage, or {@code null}
 * @param freeDays      days of recording the free space holds at the current rate, or {@code null}
 */
public record NodeFigures(String url, int capacity, long ingestBps, Double cpuPercent, Long diskUsedBytes,
        Long diskFreeBytes, Double freeDays) {

    public NodeFigures {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        }
    }

    /** A node that only declares its capacity (tests, benchmarks, a node before its first measurement). */
    public static NodeFigures ofCapacity(String url, int capacity) {
        return new NodeFigures(url, capacity, 0, null, null, null, null);
    }
}
