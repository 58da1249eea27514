package org.skynet.vms.core.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.retention.RetentionCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment catalogue of a recorder node: every row it writes carries the node id and the lease epoch under
 * which the node holds the row's camera, and rows of a camera the node no longer holds under that epoch are
 * refused. In one transaction per batch, the lease rows of the batch's cameras are locked
 * ({@code SELECT ... FOR UPDATE}, in camera order like {@link LeaseStore#renew}) and the rows of a camera are
 * written only if its lease still names this node with the same epoch; while the lock is held no other node can
 * claim the camera, so no row of an older epoch lands after a newer claim. Refused rows are dropped (not retried),
 * logged, counted, and reported to the node, which must stop recording that camera. Reads and removals are those
 * of {@link JdbcSegmentCatalogue}. Thread-safe.
 */
public final class FencedSegmentCatalogue extends NodeSegmentCatalogue implements RetentionCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(FencedSegmentCatalogue.class);

    /**
     * Rows of one camera refused in one batch.
     *
     * @param cameraId the camera
     * @param epoch    the epoch the node wrote under, or {@code null} when it held no lease at all
     * @param rows     how many rows were refused
     */
    public record Refusal(String cameraId, Long epoch, int rows) {
    }

    private final String nodeId;
    private final LeaseEpochs epochs;
    private final Consumer<Refusal> refused;
    private final AtomicLong refusedRows = new AtomicLong();

    /**
     * @param nodeId  the node writing
     * @param epochs  the epochs it holds its cameras under (its {@link LeaseKeeper})
     * @param refused told of every refusal, after the batch (stop recording that camera)
     */
    public FencedSegmentCatalogue(Jdbc jdbc, String nodeId, LeaseEpochs epochs, Consumer<Refusal> refused) {
        super(jdbc);
        this.nodeId = nodeId;
        this.epochs = epochs;
        this.refused = refused;
    }

    /** Rows refused since the start. */
    public long refusedRows() {
        return refusedRows.get();
    }

    /** Writes the rows of the cameras the node still holds; the others are refused and reported. */
    @Override
    public void upsert(Collection<SegmentRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Long> claimed = new HashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, List<SegmentRow>> byCamera = new LinkedHashMap<>();
        for (SegmentRow r : rows) {
            byCamera.computeIfAbsent(r.cameraId(), k -> new ArrayList<>()).add(r);
        }
        byCamera.forEach((camera, list) -> {
            OptionalLong epoch = epochs.epoch(camera);
            if (epoch.isPresent()) {
                claimed.put(camera, epoch.getAsLong());
            } else {
                refusals.add(new Refusal(camera, null, list.size()));
            }
        });
        if (!claimed.isEmpty()) {
            refusals.addAll(jdbc.inTransaction(c -> {
                List<String> cameras = List.copyOf(new TreeSet<>(claimed.keySet()));
                Map<String, Long> current = new HashMap<>();
                Jdbc.query(c, "SELECT camera_id, epoch FROM camera_leases WHERE node_id = ? AND camera_id IN ("
                                + "?, ".repeat(cameras.size() - 1) + "?) ORDER BY camera_id FOR UPDATE",
                        rs -> current.put(rs.getString(1), rs.getLong(2)), params(nodeId, cameras));
                List<SegmentRow> accepted = new ArrayList<>();
                List<Refusal> stale = new ArrayList<>();
                for (String camera : cameras) {
                    List<SegmentRow> list = byCamera.get(camera);
                    if (claimed.get(camera).equals(current.get(camera))) {
                        accepted.addAll(list);
                    } else {
                        stale.add(new Refusal(camera, claimed.get(camera), list.size()));
                    }
                }
                if (!accepted.isEmpty()) {
                    JdbcSegmentCatalogue.write(c, accepted, nodeId, claimed);
                }
                return stale;
            }));
        }
        for (Refusal r : refusals) {
            refusedRows.addAndGet(r.rows());
            LOG.warn("node {} no longer holds camera {} under epoch {}: {} catalogue rows refused", nodeId,
                    r.cameraId(), r.epoch(), r.rows());
            refused.accept(r);
        }
    }

    private static Object[] params(String first, List<String> rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }

    @Override
    public List<String> cameras(String storageRoot) {
        return reads.cameras(storageRoot);
    }

    @Override
    public List<SegmentRow> closedEndingBefore(String storageRoot, String cameraId, Instant before, int limit) {
        return reads.closedEndingBefore(storageRoot, cameraId, before, limit);
    }

    @Override
    public List<SegmentRow> oldestClosed(String storageRoot, int limit) {
        return reads.oldestClosed(storageRoot, limit);
    }
}
