/**
 * Scale-out of recording over many recorder nodes with PostgreSQL as the one source of truth
 * ({@code docs/design/scale-out.md}): camera leases with fencing epochs in table {@code camera_leases}
 * ({@link org.skynet.vms.core.cluster.LeaseStore}), each node's keeper that heartbeats, renews, claims and
 * sheds leases and fences itself when it cannot renew ({@link org.skynet.vms.core.cluster.LeaseKeeper}), the
 * balancing rule ({@link org.skynet.vms.core.cluster.LeaseBalance}), and the segment catalogue that refuses rows
 * written under a lost lease ({@link org.skynet.vms.core.cluster.FencedSegmentCatalogue}).
 */
package org.skynet.vms.core.cluster;
