package org.skynet.vms.core.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * The segment catalogue a recorder node repairs its own storage root with at start, before it holds any lease
 * ({@link org.skynet.vms.recorder.catalogue.CatalogueRecovery}): not fenced (the rows are those of its own files),
 * but every row keeps the node's id and the lease epoch it was written under; a file the catalogue never heard of
 * gets the node's id and no epoch. Thread-safe.
 */
final class NodeRecoveryCatalogue extends NodeSegmentCatalogue {
    private final String nodeId;

    NodeRecoveryCatalogue(Jdbc jdbc, String nodeId) {
        super(jdbc);
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
}
