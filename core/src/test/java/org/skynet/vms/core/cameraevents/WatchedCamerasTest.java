package org.skynet.vms.core.cameraevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.recording.RecordingMode;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.VmsException;

/** The watched set from the registry and the recording modes, on H2 and PostgreSQL. */
class WatchedCamerasTest {
    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void eventModeCamerasWithAnOnvifUrl(TestDatabase db) {
        Clock clock = Clock.systemUTC();
        CameraRegistry registry = new CameraRegistry(db.jdbc(), new SecretBox(new byte[SecretBox.KEY_BYTES]), clock);
        RecordingModes modes = new RecordingModes(db.jdbc(), clock);
        registry.create(camera("ev").username("admin").password("pw-ev"));
        registry.create(camera("cont"));
        registry.create(camera("no-onvif").onvifUrl(null).rtspUrl("rtsp://192.0.2.10/no-onvif"));
        registry.create(camera("disabled").enabled(false));
        registry.create(camera("off"));
        modes.set("ev", RecordingMode.EVENTS);
        modes.set("cont", RecordingMode.CONTINUOUS);
        modes.set("no-onvif", RecordingMode.EVENTS);
        modes.set("disabled", RecordingMode.EVENTS);

        assertEquals(List.of(new WatchTarget("ev", URI.create("http://192.0.2.10/onvif/ev/device_service"),
                Optional.of(new OnvifCredentials("admin", "pw-ev")))),
                new WatchedCameras(modes, registry, Set.of(RecordingMode.EVENTS)).get());
        assertEquals(List.of("cont", "ev"), new WatchedCameras(modes, registry,
                WatchedCameras.parseModes("events, continuous")).get().stream().map(WatchTarget::cameraId).sorted()
                .toList());
    }

    @Test
    void unknownModeIsRefusedNamingTheField() {
        assertEquals("mode", assertThrows(VmsException.class, () -> WatchedCameras.parseModes("events,smoke")).field());
    }

    private static CameraDraft camera(String id) {
        return new CameraDraft().id(id).name("cam " + id).district("North").lat(23.0).lon(113.7).bearing(0.0)
                .fov(60.0).range(50.0).onvifUrl("http://192.0.2.10/onvif/" + id + "/device_service");
    }
}
