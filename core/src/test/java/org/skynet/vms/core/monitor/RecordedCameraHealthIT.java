package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.recording.RecordingMode;
import org.skynet.vms.core.registry.CameraDraft;

/**
 * A recorded camera is watched through its live stream, not probed: the whole server (H2, port 0) records one
 * simulated camera and probes another every second. The recorded one is ONLINE from its stream and receives no
 * OPTIONS; taken down, it goes OFFLINE with a MAJOR alarm; healed, ONLINE again; stalled, DEGRADED ("stream
 * missing") with a MINOR alarm. Every state comes from the ingest session.
 */
class RecordedCameraHealthIT {
    @TempDir
    Path data;

    @Test
    void recordedCameraHealthComesFromItsIngestSession() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(2).paths("127.0.0.1", 0, 0).idPrefix("rec-").build());
             VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(),
                     "bind", "127.0.0.1", "monitor.interval-seconds", "1", "monitor.timeout-seconds", "2",
                     "monitor.write-interval-millis", "200")), VmsApplication.Mode.DEMO, Clock.systemUTC())) {
            SimulatedCamera recorded = fleet.cameras().get(0);
            SimulatedCamera probed = fleet.cameras().get(1);
            app.cameraRegistry().create(draft(recorded));
            app.recordingService().setMode(recorded.id(), RecordingMode.CONTINUOUS);
            app.cameraRegistry().create(draft(probed));
            MonitorService monitor = app.monitorService();
            assertTrue(Await.until(Duration.ofSeconds(15), () -> health(monitor, recorded).reason().equals("live stream flowing")
                    && health(monitor, recorded).state() == HealthState.ONLINE), "ONLINE from the stream: " + health(monitor, recorded));

            long optionsBefore = recorded.optionsReceived();
            long probedBefore = probed.optionsReceived();
            assertTrue(Await.until(Duration.ofSeconds(10), () -> probed.optionsReceived() >= probedBefore + 3),
                    "the other camera is probed every second");
            assertEquals(optionsBefore, recorded.optionsReceived(), "no probe for the recorded camera");

            fleet.setFault(recorded.id(), Fault.DOWN);
            assertTrue(Await.until(Duration.ofSeconds(20), () -> health(monitor, recorded).state() == HealthState.OFFLINE),
                    "down: OFFLINE from the ingest session's failed reconnects: " + health(monitor, recorded));
            assertTrue(health(monitor, recorded).reason().contains("live stream"), health(monitor, recorded).reason());
            assertEquals(AlarmSeverity.MAJOR, alarm(app, recorded).severity());

            fleet.setFault(recorded.id(), Fault.NONE);
            assertTrue(Await.until(Duration.ofSeconds(30), () -> health(monitor, recorded).state() == HealthState.ONLINE),
                    "healed: ONLINE once the stream flows again: " + health(monitor, recorded));
            assertTrue(Await.until(Duration.ofSeconds(5), () -> app.alarmService().activeFor(recorded.id()).isEmpty()),
                    "the alarm clears on recovery");

            fleet.setFault(recorded.id(), Fault.STALL);
            assertTrue(Await.until(Duration.ofSeconds(20), () -> health(monitor, recorded).state() == HealthState.DEGRADED),
                    "stalled: DEGRADED: " + health(monitor, recorded));
            assertTrue(health(monitor, recorded).reason().startsWith("stream missing: live stream: stalled"),
                    health(monitor, recorded).reason());
            assertTrue(Await.until(Duration.ofSeconds(5), () -> app.alarmService().activeFor(recorded.id())
                    .map(a -> a.severity() == AlarmSeverity.MINOR).orElse(false)), "stream loss raises an alarm");
            assertEquals(optionsBefore, recorded.optionsReceived(), "still no probe for the recorded camera");
        }
    }

    private static CameraHealth health(MonitorService monitor, SimulatedCamera cam) {
        return monitor.states().get(cam.id()).orElse(CameraHealth.unknown(cam.id(), java.time.Instant.EPOCH));
    }

    private static Alarm alarm(VmsApplication app, SimulatedCamera cam) {
        assertTrue(Await.until(Duration.ofSeconds(5), () -> app.alarmService().activeFor(cam.id()).isPresent()));
        return app.alarmService().activeFor(cam.id()).orElseThrow();
    }

    private static CameraDraft draft(SimulatedCamera cam) {
        return new CameraDraft().id(cam.id()).name("Sim " + cam.id()).district("Simtown").lat(23.0).lon(113.7)
                .bearing(0.0).fov(60.0).range(50.0).rtspUrl(cam.rtspMainUrl()).username(cam.username())
                .password(cam.password());
    }
}
