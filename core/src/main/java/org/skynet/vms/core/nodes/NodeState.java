package org.skynet.vms.core.nodes;

/**
 * A recorder node's state as the console shows it: the three a node reports itself, plus {@link #LOST}.
 */
public enum NodeState {
    /** Heartbeating and recording the cameras it leased. */
    ACTIVE,
    /** Heartbeating, handing its cameras over before it stops. */
    DRAINING,
    /** Said goodbye; its heartbeat stopped on purpose (never LOST). */
    STOPPED,
    /**
     * Reported ACTIVE or DRAINING but its last heartbeat is older than the lease TTL by the database's clock:
     * its leases have lapsed or are about to, and its cameras go to the other nodes.
     */
    LOST;

    /** The state to show for a reported state whose heartbeat is {@code stale} (older than the lease TTL). */
    static NodeState of(String reported, boolean stale) {
        NodeState s = valueOf(reported);
        return stale && s != STOPPED ? LOST : s;
    }
}
