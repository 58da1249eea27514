package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;

/**
 * The service around the monitor, with a scripted prober on H2: restore at start, following the
 * registry (added, disabled, deleted), per-district intervals, credentials handed to the prober, and
 * maintenance written through.
 */
class MonitorServiceTest {
    @Test
    void restoresFollowsTheRegistryAndPersistsMaintenance() throws Exception {
        try (TestDatabase db = TestDatabases.h2()) {
            CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), Clock.systemUTC());
            registry.create(camera("a", "North").username("admin").password("pw-a"));
            registry.create(camera("b", "South").username("admin").password("pw-b"));
            registry.create(camera("c", "South").enabled(false));
            Instant t0 = Instant.parse("2026-11-26T05:00:00Z");
            try (Connection c = db.database().connection()) {
                c.setAutoCommit(false);
                HealthStore.write(c, List.of(
                        record("a", HealthState.OFFLINE, t0), record("gone", HealthState.ONLINE, t0)));
                c.commit();
            }
            Map<String, ProbeTarget> probed = new ConcurrentHashMap<>();
            Map<String, Integer> probes = new ConcurrentHashMap<>();
            Prober prober = (t, okInARow) -> {
                probed.put(t.cameraId(), t);
                probes.merge(t.cameraId(), 1, Integer::sum);
                return CompletableFuture.completedFuture(ProbeResult.ok(3));
            };
            MonitorSettings settings = MonitorSettings.from(VmsConfig.ofFlags(Map.of("monitor.registry-poll-seconds", "1",
                    "monitor.district.South.interval-seconds", "1", "monitor.tick-millis", "10",
                    "monitor.write-interval-millis", "50", "monitor.camera.a.interval-seconds", "600")));
            try (MonitorService service = new MonitorService(registry, db.database().dataSource(), settings, Clock.systemUTC())) {
                service.start(prober);
                assertEquals(HealthState.OFFLINE, service.states().get("a").orElseThrow().state(), "restored before any probe");
                assertTrue(Await.until(Duration.ofSeconds(5), () -> service.states().get("gone").isEmpty()),
                        "a stored camera that left the registry is dropped");
                assertTrue(Await.until(Duration.ofSeconds(5), () -> probes.getOrDefault("b", 0) >= 2), "South is probed every second");
                assertEquals(Duration.ofSeconds(1), probed.get("b").interval());
                assertEquals("pw-b", probed.get("b").password());
                assertEquals(Duration.ofSeconds(60), settings.intervalOf().apply("x", "North"));
                assertEquals(Duration.ofSeconds(600), settings.intervalOf().apply("a", "North"));
                assertTrue(service.states().get("c").isEmpty(), "disabled cameras are not watched");
                assertEquals("South", service.districtOf("b").orElseThrow());

                registry.update("b", d -> d.enabled(false));
                registry.create(camera("d", "South"));
                assertTrue(Await.until(Duration.ofSeconds(5), () -> service.states().get("b").isEmpty()
                        && service.states().get("d").map(h -> h.state() == HealthState.ONLINE).orElse(false)));

                Instant until = Instant.now().plusSeconds(3600);
                CameraHealth m = service.startMaintenance("a", "lens cleaning", until);
                assertEquals(HealthState.MAINTENANCE, m.state());
                assertEquals(until, m.maintenanceUntil());
                assertTrue(Await.until(Duration.ofSeconds(5), () -> db.jdbc().queryOne(
                        "SELECT state FROM camera_health WHERE camera_id = 'a'", rs -> rs.getString(1)).orElse("")
                        .equals("MAINTENANCE")));
                assertEquals(HealthState.UNKNOWN, service.endMaintenance("a").state());
            }
        }
    }

    private static CameraDraft camera(String id, String district) {
        return new CameraDraft().id(id).name("cam " + id).district(district).lat(23.0).lon(113.7).bearing(0.0).fov(60.0)
                .range(50.0).rtspUrl("rtsp://192.0.2.10/" + id);
    }

    private static HealthRecord record(String id, HealthState state, Instant at) {
        return new HealthRecord(new StateChange(id, HealthState.UNKNOWN, state, "test", at, 1),
                new CameraHealth(id, state, "test", at, 1, 0, 0, null));
    }
}
