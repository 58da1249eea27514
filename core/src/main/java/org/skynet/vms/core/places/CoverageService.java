package org.skynet.vms.core.places;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.LiveStates;
import org.skynet.vms.core.coverage.Place;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link CoverageEngine} per {@link CoverageMode} current.
 *
 * <ul>
 * <li>Places changed (import, edit, delete): {@link #placesChanged()} rebuilds both engines from the store
 *     (the engine's place set is fixed).</li>
 * <li>A camera's monitor state changed: {@link #stateChanged(String)} updates the live engine incrementally
 *     (a change that races with a rebuild makes the rebuild recompute live coverage once more).</li>
 * <li>Cameras changed in the registry: a few cameras changed (a create, update or delete) are applied at once
 *     ({@link #cameraChanged(CameraView)}, {@link #cameraRemoved}); a bulk change has {@link #camerasChanged()}
 *     run {@link #refreshCameras()} soon on the refresh thread, which also runs it periodically (see
 *     {@link #start}) for changes made by another process; it diffs the camera views and updates both engines
 *     incrementally ({@link CoverageEngine#cameraChanged}, {@link CoverageEngine#cameraRemoved}).</li>
 * </ul>
 *
 * <p>Writers are serialised on this object; readers take {@link #snapshot} without locking.
 */
public final class CoverageService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoverageService.class);

    private final PlaceStore store;
    private final PlaceFeatures features;
    private final Supplier<Collection<CameraView>> cameras;
    private final LiveStates live;
    private final AtomicLong stateChanges = new AtomicLong();
    private final List<Runnable> placeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<CoverageMode, CoverageEngine> engines = Map.of();
    private Map<String, CameraView> known = Map.of();
    private volatile ScheduledExecutorService refresher;

    /**
     * @param cameras the cameras that count (registry cameras with a placement), read on every refresh
     * @param live    whether a camera is ONLINE now; must not block
     */
    public CoverageService(PlaceStore store, PlaceFeatures features, Supplier<Collection<CameraView>> cameras,
            LiveStates live) {
        this.store = store;
        this.features = features;
        this.cameras = cameras;
        this.live = live;
    }

    /** Starts refreshing the cameras every {@code everyMillis} on a daemon thread. */
    public synchronized void start(long everyMillis) {
        if (refresher != null) {
            throw new IllegalStateException("already started");
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coverage-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** The registry changed: refreshes the cameras soon on the refresh thread (once started); does not block. */
    public void camerasChanged() {
        ScheduledExecutorService r = refresher;
        if (r != null && !r.isShutdown()) {
            r.execute(this::refreshQuietly);
        }
    }

    private void refreshQuietly() {
        try {
            refreshCameras();
        } catch (RuntimeException e) {
            log.warn("cannot refresh coverage cameras (retrying): {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The latest coverage in a mode; computes everything on first use. */
    public CoverageSnapshot snapshot(CoverageMode mode) {
        Map<CoverageMode, CoverageEngine> e = engines;
        return (e.isEmpty() ? computed() : e).get(mode).snapshot();
    }

    private synchronized Map<CoverageMode, CoverageEngine> computed() {
        if (engines.isEmpty()) {
            placesChanged();
        }
        return engines;
    }

    /** Called after every rebuild for changed places (e.g. to tell consoles), on the rebuilding thread. */
    public void onPlacesChanged(Runnable listener) {
        placeListeners.add(listener);
    }

    /** Rebuilds both engines from the stored places and the current cameras. */
    public synchronized void placesChanged() {
        long statesBefore = stateChanges.get();
        List<Place> places = features.places(store.all());
        Map<String, CameraView> now = current();
        Map<CoverageMode, CoverageEngine> next = new HashMap<>();
        for (CoverageMode mode : CoverageMode.values()) {
            next.put(mode, CoverageEngine.compute(places, now.values(), mode, live));
        }
        known = now;
        engines = Map.copyOf(next);
        if (stateChanges.get() != statesBefore) {
            // A state change during the computation may have gone to the old engine.
            engines.get(CoverageMode.LIVE).recomputeAll();
        }
        placeListeners.forEach(Runnable::run);
    }

    /** A camera's monitor state changed. */
    public void stateChanged(String cameraId) {
        stateChanges.incrementAndGet();
        CoverageEngine engine = engines.get(CoverageMode.LIVE);
        if (engine != null) {
            engine.stateChanged(cameraId);
        }
    }

    /** Reads the cameras again and applies the differences to both engines. */
    public synchronized void refreshCameras() {
        if (engines.isEmpty()) {
            return;
        }
        Map<String, CameraView> now = current();
        Set<String> removed = new HashSet<>(known.keySet());
        removed.removeAll(now.keySet());
        for (CoverageEngine engine : engines.values()) {
            removed.forEach(engine::cameraRemoved);
            now.values().forEach(engine::cameraChanged);
        }
        known = now;
    }

    /**
     * One camera was added, moved, turned or re-ranged through the API: both engines take it now instead of at
     * the next {@link #refreshCameras()} (a no-op before the first computation, which reads every camera).
     */
    public synchronized void cameraChanged(CameraView camera) {
        if (engines.isEmpty()) {
            return;
        }
        engines.values().forEach(engine -> engine.cameraChanged(camera));
        known.put(camera.id(), camera);
    }

    /** One camera was deleted (or lost its placement) through the API; unknown ids are ignored. */
    public synchronized void cameraRemoved(String cameraId) {
        if (engines.isEmpty()) {
            return;
        }
        engines.values().forEach(engine -> engine.cameraRemoved(cameraId));
        known.remove(cameraId);
    }

    private Map<String, CameraView> current() {
        Map<String, CameraView> out = new HashMap<>();
        for (CameraView c : cameras.get()) {
            out.put(c.id(), c);
        }
        return out;
    }
}
