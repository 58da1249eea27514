package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.recorder.clips.ClipConfig;

/**
 * The recording service follows what changes under it, on H2 and PostgreSQL, against two simulated cameras:
 * the registry's own changes (a camera disabled, enabled again, its RTSP URL changed, deleted) and the
 * answer of its {@link RecordedCameras} (a lease gained and lost) stop, start or move the one session at once.
 */
class RecordingServiceFollowsTest {
    @TempDir
    Path data;

    private SimulatedFleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(2).eventLoopThreads(1).build());
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void registryChangesStopAndRestartRecording(TestDatabase db) {
        Clock clock = Clock.systemUTC();
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), clock);
        SimulatedCamera first = fleet.cameras().get(0);
        SimulatedCamera second = fleet.cameras().get(1);
        registry.create(camera("cam-1", first));
        try (RecordingService service = start(db, registry, RecordedCameras.ALL)) {
            service.setMode("cam-1", RecordingMode.CONTINUOUS);
            awaitStreaming(service, first, "recording starts on setMode");

            registry.update("cam-1", d -> d.enabled(false));
            TestServer.await("a disabled camera stops", () -> service.status("cam-1").isEmpty()
                    && first.openConnections() == 0);
            registry.update("cam-1", d -> d.enabled(true));
            awaitStreaming(service, first, "enabled again, it records again");

            registry.update("cam-1", d -> d.rtspUrl(second.rtspMainUrl()).username(second.username())
                    .password(second.password()));
            TestServer.await("a new RTSP URL moves the session to the new address", () -> first.openConnections() == 0
                    && second.openConnections() == 1 && service.status("cam-1").isPresent());

            registry.update("cam-1", d -> d.name("renamed"));
            assertEquals(1, second.openConnections(), "a change that does not concern the stream keeps the session");

            registry.delete("cam-1");
            TestServer.await("a deleted camera stops", () -> service.status("cam-1").isEmpty()
                    && second.openConnections() == 0);
            assertTrue(service.recordedCameras().isEmpty());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void recordsOnlyWhatItsSourceGivesIt(TestDatabase db) {
        Clock clock = Clock.systemUTC();
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), clock);
        SimulatedCamera first = fleet.cameras().get(0);
        registry.create(camera("cam-1", first));
        new RecordingModes(db.jdbc(), clock).set("cam-1", RecordingMode.CONTINUOUS);
        Set<String> held = ConcurrentHashMap.newKeySet();
        try (RecordingService service = start(db, registry, held::contains)) {
            assertTrue(service.status("cam-1").isEmpty(), "a camera with a mode but no lease is not recorded");
            held.add("cam-1");
            service.refresh("cam-1");
            awaitStreaming(service, first, "a lease gained starts the camera");
            service.refresh("cam-1");
            assertEquals(1, first.openConnections(), "a refresh without a change keeps the one session");
            held.remove("cam-1");
            service.refresh("cam-1");
            TestServer.await("a lease lost stops the camera", () -> service.status("cam-1").isEmpty()
                    && first.openConnections() == 0);
        }
    }

    private RecordingService start(TestDatabase db, CameraRegistry registry, RecordedCameras recorded) {
        Clock clock = Clock.systemUTC();
        return RecordingService.start(new RecordingSettings(data.resolve("recordings"), 1, 1, false), registry,
                new RecordingModes(db.jdbc(), clock), recorded, new JdbcSegmentCatalogue(db.jdbc()),
                ClipConfig.defaults(data.resolve("clips")),
                new ClipCatalogueWriter(new ClipStore(db.jdbc()), data.resolve("clips")), clock, UnaryOperator.identity());
    }

    private static void awaitStreaming(RecordingService service, SimulatedCamera camera, String what) {
        TestServer.await(what, () -> service.status("cam-1").map(s -> s.frames() > 0).orElse(false)
                && camera.openConnections() == 1);
    }

    private static CameraDraft camera(String id, SimulatedCamera sim) {
        return new CameraDraft().id(id).name("cam " + id).district("d1").lat(23.0).lon(113.7).bearing(0.0).fov(60.0)
                .range(50.0).rtspUrl(sim.rtspMainUrl()).username(sim.username()).password(sim.password());
    }
}
