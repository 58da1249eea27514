package org.skynet.vms.core.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
import org.skynet.vms.errors.VmsException;

/**
 * Coverage of every place by every camera, kept current as cameras change.
 *
 * <p><b>Full computation</b> ({@link #compute}): an STRtree of the cameras' view boxes (lon/lat) gives
 * each place its candidate cameras (view box intersects place box); each place is then computed by
 * {@link PlaceCalculator}, in parallel over the common fork-join pool.
 *
 * <p><b>Incremental updates</b> ({@link #cameraChanged}, {@link #cameraRemoved}, {@link #stateChanged}):
 * a static STRtree of the places' boxes finds the places whose box meets the camera's old or new view
 * box; only those are recomputed. The candidate lists are updated so that they always equal what a
 * full computation would find, and places are computed from candidates in id order, so an incremental
 * result is exactly the result of a fresh full computation ({@code CoverageEngineProperties}).
 *
 * <p><b>Threading</b>: one writer at a time (update methods are {@code synchronized}); any number of
 * readers take {@link #snapshot()}, an immutable {@link CoverageSnapshot} published through a volatile
 * field, without locking. An update costs O(affected places) plus a copy of the result array.
 *
 * <p>The engine knows nothing of Netty, the database or the registry: it takes {@link CameraView}s
 * and a {@link LiveStates} lookup.
 */
public final class CoverageEngine {
    /** Margin around view boxes, metres: covers the difference between camera and place planes. */
    private static final double BOX_MARGIN_METRES = 1.0;
    private static final String[] NO_IDS = new String[0];

    private final CoverageMode mode;
    private final LiveStates states;
    private final PlaceCalculator calculator;
    private final ProjectedPlace[] places;
    private final Map<String, Integer> placeIndexById;
    private final STRtree placeTree = new STRtree();
    private final Map<String, CameraView> cameras;
    /** Per place: ids of cameras whose view box intersects the place box, sorted. */
    private final String[][] candidates;
    private volatile CoverageSnapshot snapshot;

    private CoverageEngine(List<Place> placeList, Collection<CameraView> cameraList, CoverageMode mode,
            LiveStates states, ViewCone cones) {
        this.mode = mode;
        this.states = states;
        this.calculator = new PlaceCalculator(cones);
        this.places = placeList.parallelStream().map(ProjectedPlace::of).toArray(ProjectedPlace[]::new);
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < places.length; i++) {
            if (byId.putIfAbsent(places[i].place().id(), i) != null) {
                throw VmsException.invalid("places", "duplicate place id " + places[i].place().id());
            }
            placeTree.insert(places[i].lonLatEnvelope(), i);
        }
        placeTree.build();
        this.placeIndexById = Map.copyOf(byId);
        this.cameras = new HashMap<>(cameraList.size() * 2);
        for (CameraView c : cameraList) {
            if (cameras.putIfAbsent(c.id(), c) != null) {
                throw VmsException.invalid("id", "duplicate camera id " + c.id());
            }
        }
        this.candidates = new String[places.length][];
    }

    /**
     * Computes coverage of all places by all cameras.
     *
     * @param states consulted in {@link CoverageMode#LIVE} mode, from several threads at once
     * @throws VmsException INVALID_ARGUMENT on duplicate place or camera ids
     */
    public static CoverageEngine compute(List<Place> places, Collection<CameraView> cameras, CoverageMode mode,
            LiveStates states, ViewCone cones) {
        CoverageEngine engine = new CoverageEngine(places, cameras, mode, states, cones);
        engine.computeAll();
        return engine;
    }

    /** {@link #compute} with the default arc resolution. */
    public static CoverageEngine compute(List<Place> places, Collection<CameraView> cameras, CoverageMode mode,
            LiveStates states) {
        return compute(places, cameras, mode, states, new ViewCone());
    }

    public CoverageMode mode() {
        return mode;
    }

    /** The latest published state; never null, never modified. */
    public CoverageSnapshot snapshot() {
        return snapshot;
    }

    /** A camera was added, moved, turned, re-ranged, enabled or disabled. */
    public synchronized CoverageSnapshot cameraChanged(CameraView camera) {
        CameraView old = cameras.get(camera.id());
        if (camera.equals(old)) {
            return snapshot;
        }
        TreeSet<Integer> affected = new TreeSet<>();
        if (old != null) {
            forPlacesNear(old, i -> {
                candidates[i] = without(candidates[i], old.id());
                affected.add(i);
            });
        }
        cameras.put(camera.id(), camera);
        forPlacesNear(camera, i -> {
            candidates[i] = with(candidates[i], camera.id());
            affected.add(i);
        });
        return publish(affected);
    }

    /** A camera was deleted from the registry; unknown ids are ignored. */
    public synchronized CoverageSnapshot cameraRemoved(String cameraId) {
        CameraView old = cameras.remove(cameraId);
        if (old == null) {
            return snapshot;
        }
        TreeSet<Integer> affected = new TreeSet<>();
        forPlacesNear(old, i -> {
            candidates[i] = without(candidates[i], cameraId);
            affected.add(i);
        });
        return publish(affected);
    }

    /**
     * The camera's monitor state changed: {@link LiveStates} now answers differently for it. A no-op
     * in designed mode and for unknown cameras.
     */
    public synchronized CoverageSnapshot stateChanged(String cameraId) {
        CameraView camera = cameras.get(cameraId);
        if (mode == CoverageMode.DESIGNED || camera == null) {
            return snapshot;
        }
        TreeSet<Integer> affected = new TreeSet<>();
        forPlacesNear(camera, affected::add);
        return publish(affected);
    }

    /** Recomputes every place, e.g. after the monitor restarted and every state may have changed. */
    public synchronized CoverageSnapshot recomputeAll() {
        computeAll();
        return snapshot;
    }

    private void computeAll() {
        // Cameras in id order; the tree holds their ranks, so a place's candidates sort as ints.
        CameraView[] byId = cameras.values().toArray(new CameraView[0]);
        Arrays.sort(byId, Comparator.comparing(CameraView::id));
        STRtree cameraTree = new STRtree();
        for (int rank = 0; rank < byId.length; rank++) {
            cameraTree.insert(viewBox(byId[rank]), rank);
        }
        cameraTree.build();
        PlaceCoverage[] results = new PlaceCoverage[places.length];
        IntStream.range(0, places.length).parallel().forEach(i -> {
            List<?> hits = cameraTree.query(places[i].lonLatEnvelope());
            int[] ranks = new int[hits.size()];
            for (int k = 0; k < ranks.length; k++) {
                ranks[k] = (Integer) hits.get(k);
            }
            Arrays.sort(ranks);
            List<CameraView> found = new ArrayList<>(ranks.length);
            String[] ids = new String[ranks.length];
            for (int k = 0; k < ranks.length; k++) {
                found.add(byId[ranks[k]]);
                ids[k] = byId[ranks[k]].id();
            }
            candidates[i] = ids;
            results[i] = calculator.compute(places[i], found, mode, states);
        });
        long version = snapshot == null ? 0 : snapshot.version() + 1;
        snapshot = new CoverageSnapshot(mode, version, results, places, placeIndexById, calculator);
    }

    private CoverageSnapshot publish(TreeSet<Integer> affected) {
        if (affected.isEmpty()) {
            return snapshot;
        }
        PlaceCoverage[] results = snapshot.places().toArray(new PlaceCoverage[0]);
        for (int i : affected) {
            List<CameraView> found = new ArrayList<>(candidates[i].length);
            for (String id : candidates[i]) {
                found.add(cameras.get(id));
            }
            results[i] = calculator.compute(places[i], found, mode, states);
        }
        snapshot = new CoverageSnapshot(mode, snapshot.version() + 1, results, places, placeIndexById, calculator);
        return snapshot;
    }

    private void forPlacesNear(CameraView camera, IntConsumer action) {
        placeTree.query(viewBox(camera), item -> action.accept((Integer) item));
    }

    private Envelope viewBox(CameraView camera) {
        Envelope metres = calculator.cones().envelope(camera);
        return LocalProjection.lonLatEnvelope(camera.lat(), camera.lon(), metres, BOX_MARGIN_METRES);
    }

    private static String[] with(String[] ids, String id) {
        int at = Arrays.binarySearch(ids, id);
        if (at >= 0) {
            return ids;
        }
        int insert = -at - 1;
        String[] out = new String[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, insert);
        out[insert] = id;
        System.arraycopy(ids, insert, out, insert + 1, ids.length - insert);
        return out;
    }

    private static String[] without(String[] ids, String id) {
        int at = Arrays.binarySearch(ids, id);
        if (at < 0) {
            return ids;
        }
        if (ids.length == 1) {
            return NO_IDS;
        }
        String[] out = new String[ids.length - 1];
        System.arraycopy(ids, 0, out, 0, at);
        System.arraycopy(ids, at + 1, out, at, ids.length - at - 1);
        return out;
    }
}
