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
import org.skynet.vms.core.registry.CameraChange;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;

/**
 * Keeps the watched set equal to the registry's enabled cameras. The registry tells of its own committed
 * changes ({@link CameraRegistry#onChange}), which {@link #changed} applies at once: new or changed enabled
 * cameras are (re)watched with fresh credentials and probed now, disabled or deleted ones unwatched. A full
 * {@link #sync} at start and then rarely (default every 10 minutes) reads every camera (in chunks) and
 * compares id, {@code updatedAt} and {@code enabled} with what it knows: it picks up the stored cameras at
 * start and changes made by another process on the same database. Credentials are read in batches of up to
 * {@link CameraRegistry#CREDENTIALS_CHUNK} cameras, one query per batch.
 * Blocking (JDBC): runs on its own thread. Not thread-safe: one thread calls {@link #sync} and {@link #changed}.
 */
final class RegistryFollower {
    /**
     * Cameras of one change up to this many are probed at once; a larger import is spread over one interval
     * like the start-up set, so it does not become a burst that repeats every interval.
     */
    static final int DUE_NOW_LIMIT = 1000;

    private final CameraRegistry registry;
    private final BiFunction<String, String, Duration> intervalOf;
    private final Consumer<ProbeTarget> watch;
    private final Consumer<ProbeTarget> watchNow;
    private final Consumer<String> unwatch;
    private final Map<String, String> districts;
    private Map<String, Instant> seen = new HashMap<>();

    /**
     * @param watch     watches a camera, first probe spread over one interval
     * @param watchNow  watches a camera, first probe at once
     * @param districts filled with camera id → district for every watched camera (read by the APIs)
     */
    RegistryFollower(CameraRegistry registry, BiFunction<String, String, Duration> intervalOf,
                     Consumer<ProbeTarget> watch, Consumer<ProbeTarget> watchNow, Consumer<String> unwatch,
                     Map<String, String> districts) {
        this.registry = registry;
        this.intervalOf = intervalOf;
        this.watch = watch;
        this.watchNow = watchNow;
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
                    watchAll(changed, watch);
                }
            }
        });
        watchAll(changed, watch);
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

    /** Applies one committed registry change. */
    void changed(CameraChange change) {
        Consumer<ProbeTarget> how = change.written().size() <= DUE_NOW_LIMIT ? watchNow : watch;
        List<Camera> enabled = new ArrayList<>();
        for (Camera cam : change.written()) {
            if (cam.enabled()) {
                seen.put(cam.id(), cam.updatedAt());
                enabled.add(cam);
                if (enabled.size() == CameraRegistry.CREDENTIALS_CHUNK) {
                    watchAll(enabled, how);
                }
            }
        }
        watchAll(enabled, how);
        for (String id : stopped(change)) {
            seen.remove(id);
            gone(id);
        }
    }

    /** The cameras a change stops watching (deleted or disabled); unwatching them needs no database. */
    static List<String> stopped(CameraChange change) {
        List<String> out = new ArrayList<>(change.deleted());
        change.written().stream().filter(c -> !c.enabled()).forEach(c -> out.add(c.id()));
        return out;
    }

    private void gone(String id) {
        districts.remove(id);
        unwatch.accept(id);
    }

    /** Watches every camera of {@code cams} with credentials read in one query, then empties the list. */
    private void watchAll(List<Camera> cams, Consumer<ProbeTarget> watch) {
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
