package org.skynet.vms.core.cluster;

/**
 * A recorder node's own figures at one heartbeat, as columns of {@code recorder_nodes} hold them.
 *
 * @param cameras       cameras it records now
 * @param ingestBps     bits per second received from them over the last interval
 * @param cpuPercent    this process's CPU use, 0–100 % of the whole machine, or {@code null} when unknown
 * @param diskUsedBytes bytes used on the file system of its storage root
 * @param diskFreeBytes bytes it may still write there
 * @param freeDays      days until that is full at the current rate ({@code free / bytes per day}), or
 *                      {@code null} while nothing comes in
 */
public record NodeFigures(int cameras, long ingestBps, Double cpuPercent, long diskUsedBytes, long diskFreeBytes,
        Double freeDays) {
}
