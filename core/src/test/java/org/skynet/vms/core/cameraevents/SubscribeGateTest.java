package org.skynet.vms.core.cameraevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeGateTest {
    @Test
    void atMostLimitRunAndTheRestStartInArrivalOrder() {
        SubscribeGate gate = new SubscribeGate(2);
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            gate.enter(() -> started.add(n));
        }
        assertEquals(List.of(0, 1), started);
        gate.release();
        assertEquals(List.of(0, 1, 2), started);
        gate.release();
        gate.release();
        assertEquals(List.of(0, 1, 2, 3, 4), started);
        gate.release();
        gate.release();
        gate.enter(() -> started.add(5));
        gate.enter(() -> started.add(6));
        gate.enter(() -> started.add(7));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), started, "slots were all freed: two run at once again");
    }
}
