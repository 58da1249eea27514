package org.skynet.vms.core.cluster;

/** A recorder node's state in {@code recorder_nodes.state}. */
public enum NodeState {
    /** Renewing and taking its share of cameras. */
    ACTIVE,
    /** Still holding leases but taking no more (about to stop). */
    DRAINING,
    /** Stopped cleanly; its leases were released. */
    STOPPED
}
