package org.skynet.vms.recorder.playback;

import java.time.Instant;
import java.util.List;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/** Where playback finds a camera's segment rows, e.g. {@code SegmentCatalogue::segments}. */
@FunctionalInterface
public interface SegmentSource {
    /** Rows of a camera that overlap {@code [from, to)}, by start time, at most {@code limit} of them. */
    List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit);
}
