package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The monitor with a scripted prober: probes complete off the monitor thread, as Netty's would. */
class HealthMonitorTest {
    @Test
    void downCameraGoesOfflineAndOthersStayOnline() throws Exception {
        Set<String> down = ConcurrentHashMap.newKeySet();
        Prober prober = (t, okInARow) -> CompletableFuture.supplyAsync(() -> down.contains(t.cameraId())
                ? new ProbeResult(ProbeOutcome.UNREACHABLE, 1, "connection refused")
                : ProbeResult.ok(5));
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (HealthMonitor m = new HealthMonitor(new ProbeScheduler(100, 0, Duration.ofMillis(10), 1), new CameraHealthStates(HealthPolicy.DEFAULT),
                prober, Clock.systemUTC())) {
            m.onChange(changes::add);
            for (int i = 0; i < 20; i++) {
                m.watch(new ProbeTarget("cam-" + i, null, null, null, null, Duration.ofMillis(50)));
            }
            down.add("cam-3");
            m.start(5);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !(offline(m, "cam-3") && onlineCount(m) == 19)) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals(HealthState.OFFLINE, m.states().get("cam-3").orElseThrow().state());
            assertEquals(19, onlineCount(m));
            assertEquals(1, changes.stream().filter(c -> c.to() == HealthState.OFFLINE).count());
        }
    }

    private static boolean offline(HealthMonitor m, String id) {
        return m.states().get(id).map(h -> h.state() == HealthState.OFFLINE).orElse(false);
    }

    private static long onlineCount(HealthMonitor m) {
        return m.states().all().stream().filter(h -> h.state() == HealthState.ONLINE).count();
    }
}
