package org.skynet.vms.core.nodes;

import java.time.Instant;

/**
 * One recorder node as its last heartbeat left it, with the state computed against the database clock. Also
 * its JSON form in {@code GET /api/nodes}.
 *
 * @param reportedState      what the node itself wrote (ACTIVE, DRAINING or STOPPED)
 * @param cameras            cameras the node says it records
 * @param leases             live leases it holds now (unexpired, by the database clock)
 * @param ingestBps          bits per second received from its cameras
 * @param cpuPercent         0-100 per machine, null when the node does not report it (as the disk fields)
 * @param freeDays           days of recording its free disk still holds at the current ingest rate
 * @param heartbeatAgeMillis database now minus {@code heartbeatAt}
 */
public record RecorderNode(String nodeId, String url, NodeState state, String reportedState, int capacity,
                           int cameras, int leases, long ingestBps, Double cpuPercent, Long diskUsedBytes,
                           Long diskFreeBytes, Double freeDays, Instant startedAt, Instant heartbeatAt,
                           long heartbeatAgeMillis) {
}
