package org.skynet.vms.core.cameraevents;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.core.recording.RecordingMode;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;

/**
 * Which cameras the {@link OnvifEventWatcher} listens to: enabled cameras with an ONVIF URL whose
 * recording mode is one of the configured ones ({@code camera-events.modes}, default {@code events}: the
 * cameras recorded only as clips around events need the camera's own motion detection most). Reads the
 * database on each {@link #get()}; call it off the event loops.
 */
public final class WatchedCameras implements Supplier<List<WatchTarget>> {
    private final RecordingModes modes;
    private final CameraRegistry registry;
    private final Set<RecordingMode> watchedModes;

    public WatchedCameras(RecordingModes modes, CameraRegistry registry, Set<RecordingMode> watchedModes) {
        this.modes = modes;
        this.registry = registry;
        this.watchedModes = Set.copyOf(watchedModes);
    }

    /** Parses {@code camera-events.modes}: a comma-separated list of recording modes, e.g. {@code events,continuous}. */
    public static Set<RecordingMode> parseModes(String text) {
        List<RecordingMode> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(RecordingMode.parse(part));
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public List<WatchTarget> get() {
        Map<String, RecordingMode> recorded = modes.recorded();
        if (recorded.values().stream().noneMatch(watchedModes::contains)) {
            // the usual case for continuous-only cities: no need to read every camera every refresh
            return List.of();
        }
        List<Camera> cameras = new ArrayList<>();
        // one pass over the enabled cameras in chunks rather than a lookup per watched camera
        registry.forEach(new CameraFilter(null, null, true, null), c -> {
            if (c.onvifUrl() != null && watchedModes.contains(recorded.getOrDefault(c.id(), RecordingMode.OFF))) {
                cameras.add(c);
            }
        });
        Map<String, Credentials> logins = registry.credentials(cameras.stream().map(Camera::id).toList());
        List<WatchTarget> out = new ArrayList<>(cameras.size());
        for (Camera c : cameras) {
            Optional<OnvifCredentials> creds = Optional.ofNullable(logins.get(c.id()))
                    .map(l -> new OnvifCredentials(l.username(), l.password() == null ? "" : l.password()));
            out.add(new WatchTarget(c.id(), URI.create(c.onvifUrl()), creds));
        }
        return out;
    }
}
