package org.skynet.vms.core.cluster;

/**
 * A recorder node that counts for balancing: state {@code ACTIVE} and a heartbeat fresher than the lease TTL.
 *
 * @param nodeId   the node
 * @param capacity how many cameras it declares it can record
 */
public record ActiveNode(String nodeId, int capacity) {
}
