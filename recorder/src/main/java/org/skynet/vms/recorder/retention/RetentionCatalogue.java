package org.skynet.vms.recorder.retention;

import java.time.Instant;
import java.util.List;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * The catalogue queries retention needs; the JDBC catalogue in core implements them. Only
 * {@link org.skynet.vms.recorder.catalogue.SegmentState#CLOSED} rows are ever returned: a file still
 * being written is never a candidate. Thread-safe; may throw {@code VmsException} when the store is down.
 */
public interface RetentionCatalogue {
    /** Cameras with closed segments under {@code storageRoot}. */
    List<String> cameras(String storageRoot);

    /** Closed segments of a camera under {@code storageRoot} that end before {@code before}, oldest first. */
    List<SegmentRow> closedEndingBefore(String storageRoot, String cameraId, Instant before, int limit);

    /** Closed segments under {@code storageRoot}, any camera, oldest start first. */
    List<SegmentRow> oldestClosed(String storageRoot, int limit);

    /** Removes the row of a file, if any. */
    void remove(String storageRoot, String path);
}
