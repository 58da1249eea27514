package org.skynet.vms.recorder.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * A {@link SegmentCatalogue} in a map, for recorder-only runs and tests. {@link #setAvailable} makes
 * every call fail with {@code UNREACHABLE}, like a database outage. Thread-safe (synchronized).
 */
public final class InMemorySegmentCatalogue implements SegmentCatalogue {
    private final Map<String, SegmentRow> rows = new TreeMap<>();
    private boolean available = true;
    private long upserts;
    private long rejected;

    /** Simulates an outage ({@code false}) or its end. */
    public synchronized void setAvailable(boolean up) {
        available = up;
    }

    /** Successful {@link #upsert} calls so far (each is one batch). */
    public synchronized long upsertCalls() {
        return upserts;
    }

    /** Calls refused during a simulated outage. */
    public synchronized long rejectedCalls() {
        return rejected;
    }

    /** Every row, by storage root and path. */
    public synchronized List<SegmentRow> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized void upsert(Collection<SegmentRow> batch) {
        check();
        for (SegmentRow r : batch) {
            rows.put(key(r.storageRoot(), r.path()), r);
        }
        upserts++;
    }

    @Override
    public synchronized void remove(String storageRoot, String path) {
        check();
        rows.remove(key(storageRoot, path));
    }

    @Override
    public synchronized Optional<SegmentRow> find(String storageRoot, String path) {
        check();
        return Optional.ofNullable(rows.get(key(storageRoot, path)));
    }

    @Override
    public synchronized List<SegmentRow> openSegments(String storageRoot) {
        check();
        List<SegmentRow> out = new ArrayList<>();
        for (SegmentRow r : rows.values()) {
            if (r.state() == SegmentState.OPEN && r.storageRoot().equals(storageRoot)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        check();
        List<SegmentRow> out = new ArrayList<>();
        for (SegmentRow r : rows.values()) {
            if (r.cameraId().equals(cameraId) && r.startWall().isBefore(to) && r.endWall().isAfter(from)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(SegmentRow::startWall));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private void check() {
        if (!available) {
            rejected++;
            throw new VmsException(ErrorKind.UNREACHABLE, "catalogue unavailable (simulated outage)");
        }
    }

    private static String key(String root, String path) {
        return root + '\u0000' + path;
    }
}
