package org.skynet.vms.core.monitor;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;

/**
 * Keeps the watched set equal to the registry's enabled cameras by polling: each {@link #sync} reads
 * every camera (in chunks) and compares id, {@code updatedAt} and {@code enabled} with the last read;
 * new or changed cameras are (re)watched with fresh credentials, disabled or deleted ones unwatched.
 * Credentials are read in batches of up to {@link CameraRegistry#CREDENTIALS_CHUNK} changed cameras, one
 * query per batch.
 * The registry has no change listener; polling costs one chunked scan per period (default 30 s).
 * Blocking (JDBC): runs on its own thread. Not thread-safe: one thread calls {@link #sync}.
 */
final class RegistryFollower {
    private final CameraRegistry registry;
    private final BiFunction<String, String, Duration> intervalOf;
    private final Consumer<ProbeTarget> watch;
    private final Consumer<String> unwatch;
    private final Map<String, String> districts;
    private Map<String, Instant> seen = new HashMap<>();

    /**
     * @param districts filled with camera id → district for every watched camera (read by the APIs)
     */
    RegistryFollower(CameraRegistry registry, BiFunction<String, String, Duration> intervalOf,
                     Consumer<ProbeTarget> watch, Consumer<String> unwatch, Map<String, String> districts) {
        this.registry = registry;
        this.intervalOf = intervalOf;
        this.watch = watch;
        this.unwatch = unwatch;
        this.districts = districts;
    }

    /**
     * One pass over the registry.
     *
     * @param alsoKnown ids the monitor holds a state for (restored from the database); those not in the
     *                  registry any more are unwatched too
     */
    void sync(Iterable<String> alsoKnown) {
        Map<String, Instant> now = new HashMap<>();
        List<Camera> changed = new ArrayList<>();
        registry.forEach(CameraFilter.ALL, cam -> {
            if (!cam.enabled()) {
                return;
            }
            now.put(cam.id(), cam.updatedAt());
            if (!cam.updatedAt().equals(seen.get(cam.id()))) {
                changed.add(cam);
                if (changed.size() == CameraRegistry.CREDENTIALS_CHUNK) {
                    watchAll(changed);
                }
            }
        });
        watchAll(changed);
        for (String id : seen.keySet()) {
            if (!now.containsKey(id)) {
                gone(id);
            }
        }
        for (String id : alsoKnown) {
            if (!now.containsKey(id) && !seen.containsKey(id)) {
                gone(id);
            }
        }
        seen = now;
    }

    private void gone(String id) {
        districts.remove(id);
        unwatch.accept(id);
    }

    /** Watches every camera of {@code cams} with credentials read in one query, then empties the list. */
    private void watchAll(List<Camera> cams) {
        Map<String, Credentials> creds = registry.credentials(
                cams.stream().filter(Camera::hasCredentials).map(Camera::id).toList());
        for (Camera cam : cams) {
            districts.put(cam.id(), cam.district());
            watch.accept(target(cam, creds.get(cam.id())));
        }
        cams.clear();
    }

    private ProbeTarget target(Camera cam, Credentials creds) {
        return new ProbeTarget(cam.id(), uri(cam.rtspUrl()), uri(cam.onvifUrl()),
                creds == null ? null : creds.username(), creds == null ? null : creds.password(),
                intervalOf.apply(cam.id(), cam.district()));
    }

    private static URI uri(String s) {
        return s == null || s.isBlank() ? null : URI.create(s);
    }
}
