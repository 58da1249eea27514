package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.ImportBatch;
import org.skynet.vms.core.registry.ImportRow;
import org.skynet.vms.core.secrets.SecretBox;

/**
 * The monitor follows the registry's change notifications, not a poll: with a one-minute interval and the
 * full re-read ten minutes away, a camera registered (or imported) is probed within seconds, and one disabled
 * or deleted stops being probed at once. Simulated cameras on loopback, real probes, H2 and PostgreSQL.
 */
class RegistryChangesIT {
    private static EventLoopGroup group;
    private static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        fleet = SimulatedFleet.start(SimConfig.builder(3).paths("127.0.0.1", 0, 0).idPrefix("chg-").build());
    }

    @AfterAll
    static void stop() {
        fleet.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void registeredCamerasAreProbedAtOnceAndRemovedOnesStopAtOnce(TestDatabase db) throws Exception {
        SimulatedCamera a = fleet.cameras().get(0);
        SimulatedCamera b = fleet.cameras().get(1);
        SimulatedCamera c = fleet.cameras().get(2);
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]),
                Clock.systemUTC());
        MonitorSettings settings = MonitorSettings.from(VmsConfig.ofFlags(Map.of("monitor.interval-seconds", "60",
                "monitor.camera." + b.id() + ".interval-seconds", "1", "monitor.timeout-seconds", "2",
                "monitor.tick-millis", "10", "monitor.write-interval-millis", "50")));
        assertEquals(Duration.ofMinutes(10), settings.registryPoll(), "the full re-read is not what we test");
        try (MonitorService service = new MonitorService(registry, db.database().dataSource(), settings,
                Clock.systemUTC())) {
            service.start(group);

            long t0 = System.nanoTime();
            registry.create(draft(a));
            assertTrue(Await.until(Duration.ofSeconds(5), () -> state(service, a) == HealthState.ONLINE),
                    "a new camera is probed within seconds, not within its 60 s interval: " + service.states().get(a.id()));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));

            registry.importAll(new ImportBatch(List.of(ImportRow.of(2, draft(b)), ImportRow.of(3, draft(c))), List.of()));
            assertTrue(Await.until(Duration.ofSeconds(5), () -> state(service, b) == HealthState.ONLINE
                    && state(service, c) == HealthState.ONLINE), "imported cameras are probed at once");
            long before = b.optionsReceived();
            assertTrue(Await.until(Duration.ofSeconds(5), () -> b.optionsReceived() >= before + 2),
                    "b is probed every second");

            registry.update(b.id(), d -> d.enabled(false));
            assertTrue(Await.until(Duration.ofMillis(200), () -> service.states().get(b.id()).isEmpty()),
                    "a disabled camera is unwatched at once");
            long afterDisable = quietCount(b);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2500));
            assertEquals(afterDisable, b.optionsReceived(), "a disabled camera is not probed any more");

            registry.update(b.id(), d -> d.enabled(true));
            assertTrue(Await.until(Duration.ofSeconds(5), () -> state(service, b) == HealthState.ONLINE),
                    "enabled again: watched again");
            registry.delete(b.id());
            assertTrue(Await.until(Duration.ofMillis(200), () -> service.states().get(b.id()).isEmpty()),
                    "a deleted camera is unwatched at once");
            long afterDelete = quietCount(b);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2500));
            assertEquals(afterDelete, b.optionsReceived(), "a deleted camera is not probed any more");
            assertEquals(HealthState.ONLINE, state(service, a), "the others stay watched");
        }
    }

    /**
     * The OPTIONS count once a probe that was already in flight when the camera was removed has ended; the
     * test then waits 2.5 probe intervals to show that nothing more comes (an absence needs a fixed wait).
     */
    private static long quietCount(SimulatedCamera cam) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        return cam.optionsReceived();
    }

    private static HealthState state(MonitorService service, SimulatedCamera cam) {
        return service.states().get(cam.id()).map(CameraHealth::state).orElse(null);
    }

    private static CameraDraft draft(SimulatedCamera cam) {
        return new CameraDraft().id(cam.id()).name("Sim " + cam.id()).district("Simtown").lat(23.0).lon(113.7)
                .bearing(0.0).fov(60.0).range(50.0).rtspUrl(cam.rtspMainUrl()).onvifUrl(cam.onvifUrl())
                .username(cam.username()).password(cam.password());
    }
}
