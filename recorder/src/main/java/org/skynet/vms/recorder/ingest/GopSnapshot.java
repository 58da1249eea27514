package org.skynet.vms.recorder.ingest;

import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;

/**
 * The units of the current group of pictures: the last keyframe and every unit after it, oldest first.
 *
 * @param parameters the parameter sets of the keyframe, or {@code null} when {@code units} is empty
 * @param units      the keyframe first, then the units after it; empty before the first keyframe or just
 *                   after the stream broke
 */
public record GopSnapshot(VideoParameters parameters, List<AccessUnit> units) {
    public static final GopSnapshot EMPTY = new GopSnapshot(null, List.of());

    public GopSnapshot {
        units = List.copyOf(units);
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }
}
