package org.skynet.vms.core.nodes;

import java.time.Instant;
import java.util.List;

/**
 * Every recorder node with the totals of the cluster: the answer of {@code GET /api/nodes}.
 *
 * @param at                 the database's clock when it was read (every age and LOST is against it)
 * @param clusterEnabled     {@code cluster.enabled}: recording is spread over recorder nodes
 * @param leaseTtlSeconds    heartbeats older than this make a node LOST
 * @param recordedCameras    cameras that should be recorded: enabled, with an RTSP URL, mode continuous or events
 * @param unassignedCameras  those of them without a live lease now (no grace: a fail-over in progress counts);
 *                           null outside cluster mode, where the in-process recorder records them without leases
 */
public record NodesOverview(Instant at, boolean clusterEnabled, long leaseTtlSeconds, List<RecorderNode> nodes,
                            Totals totals, int recordedCameras, Integer unassignedCameras) {

    public NodesOverview {
        nodes = List.copyOf(nodes);
    }

    /**
     * Sums over the nodes. {@code nodes} counts every row, {@code live} those ACTIVE or DRAINING; the figures
     * add up the live nodes only (a LOST or STOPPED node's last report is not current).
     */
    public record Totals(int nodes, int live, int lost, int capacity, int cameras, int leases, long ingestBps,
                         long diskUsedBytes, long diskFreeBytes) {

        static Totals of(List<RecorderNode> nodes) {
            int live = 0;
            int lost = 0;
            int capacity = 0;
            int cameras = 0;
            int leases = 0;
            long ingest = 0;
            long used = 0;
            long free = 0;
            for (RecorderNode n : nodes) {
                if (n.state() == NodeState.LOST) {
                    lost++;
                }
                if (n.state() != NodeState.ACTIVE && n.state() != NodeState.DRAINING) {
                    continue;
                }
                live++;
                capacity += n.capacity();
                cameras += n.cameras();
                leases += n.leases();
                ingest += n.ingestBps();
                used += n.diskUsedBytes() == null ? 0 : n.diskUsedBytes();
                free += n.diskFreeBytes() == null ? 0 : n.diskFreeBytes();
            }
            return new Totals(nodes.size(), live, lost, capacity, cameras, leases, ingest, used, free);
        }
    }
}
