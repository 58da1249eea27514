package org.skynet.vms.core.map;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.RegistryCameras;
import org.skynet.vms.core.registry.CameraChange;
import org.skynet.vms.core.server.Json;

/**
 * Tells consoles that coverage changed, after the engines have it, so a console that reloads coverage on the
 * message reads the new numbers (the monitor's own {@code state} message goes out before the engine update).
 * Message: {@code {"type":"coverage","cause":"state"|"camera","cameraId","modes":["live"(,"designed")]}}; the
 * console reloads the places near that camera. After places changed: {@code {"type":"coverage","cause":"places",
 * "modes":["live","designed"]}}, and the console reloads its places.
 */
public final class CoverageFeed {
    static final int APPLY_AT_ONCE = 20;

    private final CoverageService coverage;
    private final RegistryCameras cameras;
    private final BiConsumer<String, String> publish;

    /**
     * @param publish sends an encoded message about a camera (null: about none) to the event connections that
     *                may see it ({@code EventHub::publish})
     */
    public CoverageFeed(CoverageService coverage, RegistryCameras cameras, BiConsumer<String, String> publish) {
        this.coverage = coverage;
        this.cameras = cameras;
        this.publish = publish;
    }

    /** A monitor listener registered after the coverage service's own: live coverage already has the change. */
    public void stateApplied(String cameraId) {
        publish.accept(cameraId, message("state", cameraId, List.of("live")));
    }

    /**
     * A committed registry change (a {@code CameraRegistry} listener, on the thread that made it): up to
     * {@value #APPLY_AT_ONCE} cameras are taken by both engines now, then consoles hear, so a cone moved in the
     * console is counted before the answer; a bulk import is left to the coverage service's refresh thread.
     */
    public void registryChanged(CameraChange change) {
        if (change.written().size() + change.deleted().size() > APPLY_AT_ONCE) {
            coverage.camerasChanged();
            return;
        }
        change.written().forEach(c -> cameraChanged(c.id()));
        change.deleted().forEach(this::cameraChanged);
    }

    private void cameraChanged(String cameraId) {
        cameras.find(cameraId).ifPresentOrElse(coverage::cameraChanged, () -> coverage.cameraRemoved(cameraId));
        publish.accept(cameraId, message("camera", cameraId, List.of("live", "designed")));
    }

    /** Places were imported, changed or deleted: both engines were rebuilt (a {@code CoverageService} listener). */
    public void placesChanged() {
        publish.accept(null, message("places", null, List.of("live", "designed")));
    }

    private static String message(String cause, String cameraId, List<String> modes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "coverage");
        m.put("cause", cause);
        if (cameraId != null) {
            m.put("cameraId", cameraId);
        }
        m.put("modes", modes);
        return new String(Json.write(m), StandardCharsets.UTF_8);
    }
}
