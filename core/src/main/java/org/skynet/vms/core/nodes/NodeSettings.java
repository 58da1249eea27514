package org.skynet.vms.core.nodes;

import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.recording.RecorderPlacement;
import org.skynet.vms.errors.VmsException;

/**
 * What the nodes page and the node alarms need from the config.
 *
 * @param clusterEnabled   {@code cluster.enabled} (default: true when {@code recorder.nodes=external}, else
 *                         false): recording is spread over recorder nodes; only
 *                         then does the periodic check raise NODE_LOST and UNASSIGNED alarms, so the
 *                         single-process server and {@code vms demo} never do
 * @param leaseTtl         {@code cluster.lease-ttl-seconds} (default 15): a node whose heartbeat is older is LOST
 * @param unassignedGrace  {@code cluster.unassigned-grace-seconds} (default TTL + 10 s): how long a camera may
 *                         be without a live lease before the alarm names it, so that a normal fail-over (the
 *                         lease lapses after at most a TTL, another node claims it at its next round) is quiet
 * @param checkInterval    {@code cluster.check-seconds} (default 5): period of the check
 */
public record NodeSettings(boolean clusterEnabled, Duration leaseTtl, Duration unassignedGrace,
                           Duration checkInterval) {

    /** Reads the keys. @throws VmsException INVALID_ARGUMENT naming a key that is not a positive number */
    public static NodeSettings from(VmsConfig config) {
        int ttl = positive(config, "cluster.lease-ttl-seconds", 15);
        return new NodeSettings(config.bool("cluster.enabled", RecorderPlacement.from(config) == RecorderPlacement.EXTERNAL), Duration.ofSeconds(ttl),
                Duration.ofSeconds(positive(config, "cluster.unassigned-grace-seconds", ttl + 10)),
                Duration.ofSeconds(positive(config, "cluster.check-seconds", 5)));
    }

    private static int positive(VmsConfig config, String key, int defaultValue) {
        int v = config.integer(key, defaultValue);
        if (v < 1) {
            throw VmsException.invalid(key, key + " must be at least 1, got " + v);
        }
        return v;
    }
}
