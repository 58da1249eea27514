package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The balancing rule on its own: targets by capacity, the margin, damped shedding. */
class LeaseBalanceTest {
    private static final LeaseSettings SETTINGS = LeaseSettings.of(Duration.ofSeconds(15));
    private static final List<ActiveNode> THREE = List.of(new ActiveNode("a", 100), new ActiveNode("b", 100),
            new ActiveNode("c", 200));

    @Test
    void targetsFollowCapacityAndCoverEveryCamera() {
        assertEquals(new LeaseBalance(10, 10, 0), LeaseBalance.plan("a", 100, 0, 40, THREE, SETTINGS));
        assertEquals(new LeaseBalance(20, 0, 0), LeaseBalance.plan("c", 200, 20, 40, THREE, SETTINGS));
        assertEquals(new LeaseBalance(11, 11, 0), LeaseBalance.plan("a", 100, 0, 41, THREE, SETTINGS), "rounded up");
        assertEquals(new LeaseBalance(100, 100, 0), LeaseBalance.plan("a", 100, 0, 1000, THREE, SETTINGS),
                "never above the node's capacity");
        assertEquals(new LeaseBalance(40, 40, 0), LeaseBalance.plan("a", 100, 0, 40, List.of(), SETTINGS),
                "a node not yet listed as active counts itself");
        assertEquals(new LeaseBalance(0, 0, 0), LeaseBalance.plan("a", 0, 0, 40, List.of(), SETTINGS));
    }

    @Test
    void claimsAreCappedPerRound() {
        assertEquals(new LeaseBalance(800, SETTINGS.claimPerRound(), 0),
                LeaseBalance.plan("n0", 1000, 0, 160_000, nodes(200, 1000), SETTINGS));
    }

    @Test
    void withinTheMarginNothingMovesBeyondItTheExcessShrinksByAQuarterAtLeastFive() {
        // target 800, margin 80
        assertEquals(new LeaseBalance(800, 0, 0), LeaseBalance.plan("n0", 1000, 880, 160_000, nodes(200, 1000), SETTINGS));
        assertEquals(new LeaseBalance(800, 0, 20), LeaseBalance.plan("n0", 1000, 881, 160_000, nodes(200, 1000), SETTINGS));
        assertEquals(new LeaseBalance(800, 0, 50), LeaseBalance.plan("n0", 1000, 1000, 160_000, nodes(200, 1000), SETTINGS));
        // target 10, margin 2 (the minimum): 3 over sheds all 3
        assertEquals(new LeaseBalance(10, 0, 3), LeaseBalance.plan("a", 100, 13, 40, THREE, SETTINGS));
        assertEquals(new LeaseBalance(10, 0, 0), LeaseBalance.plan("a", 100, 12, 40, THREE, SETTINGS));
    }

    private static List<ActiveNode> nodes(int n, int capacity) {
        return IntStream.range(0, n).mapToObj(i -> new ActiveNode("n" + i, capacity)).toList();
    }
}
