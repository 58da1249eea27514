package org.skynet.vms.core.cluster;

import java.util.List;

/**
 * What one node should do in one round to balance the cameras over the active nodes by declared capacity.
 * Its target is {@code ceil(recorded × capacity / total capacity)}, at most its capacity (the rounding up
 * makes the targets cover every camera). Under target it claims up to the target; over the target by more
 * than {@link LeaseSettings#margin} it sheds some of its newest leases, down towards the target: a quarter of the
 * excess per round, at least {@link LeaseSettings#shedPerRound} (a damped approach, so nodes whose views of the
 * active nodes differ for a round do not throw cameras back and forth). Within the margin it does nothing, so a
 * returning node only gets cameras when the balance is off by more than that.
 *
 * @param target cameras this node should hold
 * @param claim  cameras to claim this round (0 or more)
 * @param shed   cameras to release this round (0 or more)
 */
public record LeaseBalance(int target, int claim, int shed) {

    /**
     * The plan of one node.
     *
     * @param nodeId   the node planning
     * @param capacity its declared capacity (counted even when it is not yet among {@code active})
     * @param held     cameras it holds now
     * @param recorded cameras to be recorded in all
     * @param active   the active nodes, with their capacities
     */
    public static LeaseBalance plan(String nodeId, int capacity, int held, int recorded, List<ActiveNode> active,
            LeaseSettings settings) {
        long total = capacity;
        for (ActiveNode n : active) {
            if (!n.nodeId().equals(nodeId)) {
                total += n.capacity();
            }
        }
        int target = total == 0 ? 0 : (int) Math.min(capacity, (recorded * (long) capacity + total - 1) / total);
        if (held < target) {
            return new LeaseBalance(target, Math.min(target - held, settings.claimPerRound()), 0);
        }
        int excess = held - target;
        if (excess > settings.margin(target)) {
            return new LeaseBalance(target, 0, Math.min(excess, Math.max(settings.shedPerRound(), excess / 4)));
        }
        return new LeaseBalance(target, 0, 0);
    }
}
