package org.skynet.vms.core.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * The segment catalogue a recorder node repairs its own storage root with at start, before it holds any lease
 * ({@link org.skynet.vms.recorder.catalogue.CatalogueRecovery}): not fenced (the rows are those of its own files),
 * but every row keeps the node's id and the lease epoch it was written under; a file the catalogue never heard of
 * gets the node's id and no epoch. Reads and removals are those of {@link JdbcSegmentCatalogue}. Thread-safe.
 */
final class NodeRecoveryCatalogue implements SegmentCatalogue {
    private final Jdbc jdbc;
    private final JdbcSegmentCatalogue plain;
    private final String nodeId;

    NodeRecoveryCatalogue(Jdbc jdbc, String nodeId) {
        this.jdbc = jdbc;
        this.plain = new JdbcSegmentCatalogue(jdbc);
        this.nodeId = nodeId;
    }

    @Override
    public void upsert(Collection<SegmentRow> rows) {
        jdbc.inTransaction(c -> {
            for (SegmentRow r : rows) {
                Map<String, Long> epoch = new HashMap<>();
                Jdbc.query(c, "SELECT lease_epoch FROM recording_segments WHERE storage_root = ? AND path = ?",
                        rs -> rs.getObject(1, Long.class), r.storageRoot(), r.path()).stream().findFirst()
                        .ifPresent(e -> epoch.put(r.cameraId(), e));
                JdbcSegmentCatalogue.write(c, List.of(r), nodeId, epoch);
            }
            return null;
        });
    }

    @Override
    public void remove(String storageRoot, String path) {
        plain.remove(storageRoot, path);
    }

    @Override
    public Optional<SegmentRow> find(String storageRoot, String path) {
        return plain.find(storageRoot, path);
    }

    @Override
    public List<SegmentRow> openSegments(String storageRoot) {
        return plain.openSegments(storageRoot);
    }

    @Override
    public List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        return plain.segments(cameraId, from, to, limit);
    }
}
