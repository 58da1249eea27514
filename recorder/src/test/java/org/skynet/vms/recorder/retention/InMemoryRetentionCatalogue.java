package org.skynet.vms.recorder.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;

/** A list of rows answering the retention queries, for tests. */
final class InMemoryRetentionCatalogue implements RetentionCatalogue {
    final List<SegmentRow> rows = new ArrayList<>();

    @Override
    public synchronized List<String> cameras(String storageRoot) {
        return closed(storageRoot).stream().map(SegmentRow::cameraId).distinct().sorted().toList();
    }

    @Override
    public synchronized List<SegmentRow> closedEndingBefore(String storageRoot, String cameraId, Instant before,
            int limit) {
        return closed(storageRoot).stream().filter(r -> r.cameraId().equals(cameraId) && r.endWall().isBefore(before))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<SegmentRow> oldestClosed(String storageRoot, int limit) {
        return closed(storageRoot).stream().limit(limit).toList();
    }

    @Override
    public synchronized void remove(String storageRoot, String path) {
        rows.removeIf(r -> r.storageRoot().equals(storageRoot) && r.path().equals(path));
    }

    private List<SegmentRow> closed(String storageRoot) {
        return rows.stream().filter(r -> r.storageRoot().equals(storageRoot) && r.state() == SegmentState.CLOSED)
                .sorted(Comparator.comparing(SegmentRow::startWall).thenComparing(SegmentRow::path)).toList();
    }
}
