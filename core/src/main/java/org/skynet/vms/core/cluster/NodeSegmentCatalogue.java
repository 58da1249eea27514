package org.skynet.vms.core.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * A recorder node's segment catalogue: how it writes its rows (with its id and a lease epoch) is the subclass's;
 * reading and removing rows is {@link JdbcSegmentCatalogue}'s, the same as in the single server. Thread-safe.
 */
abstract class NodeSegmentCatalogue implements SegmentCatalogue {
    protected final Jdbc jdbc;
    protected final JdbcSegmentCatalogue reads;

    NodeSegmentCatalogue(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.reads = new JdbcSegmentCatalogue(jdbc);
    }

    @Override
    public void remove(String storageRoot, String path) {
        reads.remove(storageRoot, path);
    }

    @Override
    public Optional<SegmentRow> find(String storageRoot, String path) {
        return reads.find(storageRoot, path);
    }

    @Override
    public List<SegmentRow> openSegments(String storageRoot) {
        return reads.openSegments(storageRoot);
    }

    @Override
    public List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        return reads.segments(cameraId, from, to, limit);
    }
}
